package io.ripple.devbroker;

import static io.ripple.devbroker.support.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import io.ripple.devbroker.support.BrokerProcess;
import io.ripple.devbroker.support.Events;
import io.ripple.devbroker.support.Subscriber;
import io.ripple.devbroker.support.Subscriber.Received;
import io.ripple.devbroker.support.Subscriber.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ordered delivery ({@code kafka.eventing.knative.dev/delivery.order: ordered}): one event in
 * flight per partition key, in log order, a slow or failing key never blocks the others;
 * unordered triggers deliver concurrently up to the configured bound.
 */
class OrderingIT {

    static final int MAX_CONCURRENCY = 4;

    static Subscriber sink;
    static BrokerProcess broker;

    static final Map<String, AtomicInteger> IN_FLIGHT_PER_KEY = new ConcurrentHashMap<>();
    static final AtomicInteger MAX_IN_FLIGHT_PER_KEY = new AtomicInteger();
    static final CountDownLatch RELEASE_HELD_KEY = new CountDownLatch(1);
    static final CountDownLatch RELEASE_PARALLEL = new CountDownLatch(1);

    @BeforeAll
    static void start() {
        sink = Subscriber.start().respond(OrderingIT::answer);
        broker = BrokerProcess.with("ordering").service("sink", sink.url()).service("dls", sink.url())
                .property("ripple.broker.delivery.max-concurrency", Integer.toString(MAX_CONCURRENCY)).start();
    }

    @AfterAll
    static void stop() {
        RELEASE_HELD_KEY.countDown();
        RELEASE_PARALLEL.countDown();
        if (broker != null) {
            broker.close();
        }
        sink.close();
    }

    private static Response answer(Received request) {
        String key = request.extension("partitionkey");
        switch (request.path()) {
            case "/ordered" -> {
                AtomicInteger inFlight = IN_FLIGHT_PER_KEY.computeIfAbsent(key, k -> new AtomicInteger());
                MAX_IN_FLIGHT_PER_KEY.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    if ("held".equals(request.event().getSubject())) {
                        hold(RELEASE_HELD_KEY);
                    }
                    return Response.noContent();
                } finally {
                    inFlight.decrementAndGet();
                }
            }
            case "/poison" -> {
                return "poison".equals(request.event().getSubject()) ? Response.status(500) : Response.noContent();
            }
            case "/parallel" -> {
                hold(RELEASE_PARALLEL);
                return Response.noContent();
            }
            default -> {
                return Response.noContent();
            }
        }
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void eventsOfAKeyAreDeliveredOneAtATimeInLogOrder() {
        List<String> keys = List.of("k/a", "k/b", "k/c");
        for (int i = 0; i < 20; i++) {
            for (String key : keys) {
                send(event("o.cmd").withSubject("n-" + i).withExtension("partitionkey", key)
                        .withExtension("n", i).build());
            }
        }

        await().until(() -> sink.received(r -> r.path().equals("/ordered") && keys.contains(
                r.extension("partitionkey"))).size() == 60);

        for (String key : keys) {
            List<Integer> order = sink.received(r -> r.path().equals("/ordered")
                    && key.equals(r.extension("partitionkey"))).stream()
                    .map(r -> Integer.parseInt(r.extension("n"))).toList();
            assertThat(order).as("order of %s", key).isSorted().hasSize(20);
        }
        assertThat(MAX_IN_FLIGHT_PER_KEY.get()).isEqualTo(1);
    }

    @Test
    void aSlowKeyDoesNotBlockOtherKeys() {
        send(event("o.cmd").withSubject("held").withExtension("partitionkey", "slow/1").build());
        CloudEvent queuedBehind = send(event("o.cmd").withSubject("after-held")
                .withExtension("partitionkey", "slow/1").build());
        List<CloudEvent> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            others.add(send(event("o.cmd").withSubject("other").withExtension("partitionkey", "fast/" + (i % 3))
                    .build()));
        }

        await().until(() -> others.stream().allMatch(OrderingIT::delivered));
        assertThat(delivered(queuedBehind)).as("same key as the held event").isFalse();

        RELEASE_HELD_KEY.countDown();
        await().until(() -> delivered(queuedBehind));
    }

    @Test
    void aPoisonEventGoesToDeadLettersWhileOtherKeysKeepFlowing() {
        CloudEvent poison = send(event("o.poison").withSubject("poison").withExtension("partitionkey", "p/1").build());
        CloudEvent sameKeyAfter = send(event("o.poison").withSubject("fine").withExtension("partitionkey", "p/1")
                .build());
        List<CloudEvent> otherKeys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            otherKeys.add(send(event("o.poison").withSubject("fine").withExtension("partitionkey", "q/" + i).build()));
        }

        await().until(() -> otherKeys.stream().allMatch(OrderingIT::delivered));
        Received deadLetter = await().atMost(Duration.ofSeconds(30)).until(() -> sink.received(r -> r.path()
                .equals("/dls") && r.event().getId().equals(poison.getId())), list -> !list.isEmpty()).get(0);
        Received after = await().until(() -> sink.received(r -> r.path().equals("/poison")
                && r.event().getId().equals(sameKeyAfter.getId())), list -> !list.isEmpty()).get(0);

        // Retries (1 s, then 2 s linear backoff) held only key p/1.
        long lastOtherKey = otherKeys.stream().mapToLong(e -> sink.received(r -> r.path().equals("/poison")
                && r.event().getId().equals(e.getId())).get(0).nanoTime()).max().orElseThrow();
        assertThat(lastOtherKey).isLessThan(deadLetter.nanoTime());
        assertThat(after.nanoTime()).as("same key waits for the poison event").isGreaterThan(deadLetter.nanoTime());
        assertThat(sink.received(r -> r.path().equals("/poison") && r.event().getId().equals(poison.getId())))
                .hasSize(3);
        assertThat(deadLetter.extension("knativeerrorcode")).isEqualTo("500");
    }

    @Test
    void unorderedTriggerDeliversConcurrentlyUpToTheBound() {
        for (int i = 0; i < 10; i++) {
            send(event("o.par").build());
        }

        await().until(() -> sink.received(r -> r.path().equals("/parallel")).size() == MAX_CONCURRENCY);
        await().during(Duration.ofMillis(300)).until(() -> sink.received(r -> r.path().equals("/parallel")).size()
                == MAX_CONCURRENCY);
        assertThat(broker.getJson("/api/v1/triggers/ripple/parallel").path("inFlight").asInt())
                .isEqualTo(MAX_CONCURRENCY);

        RELEASE_PARALLEL.countDown();
        await().until(() -> sink.received(r -> r.path().equals("/parallel")).size() == 10);
        await().until(() -> broker.getJson("/api/v1/triggers/ripple/parallel").path("lag").asInt() == 0);
    }

    private static CloudEvent send(CloudEvent event) {
        assertThat(Events.post(broker.ingress(), event).statusCode()).isEqualTo(202);
        return event;
    }

    private static boolean delivered(CloudEvent event) {
        return !sink.received(r -> !r.path().equals("/dls") && r.event().getId().equals(event.getId())).isEmpty();
    }
}

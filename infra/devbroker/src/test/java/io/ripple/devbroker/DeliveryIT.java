package io.ripple.devbroker;

import static io.ripple.devbroker.support.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.ripple.devbroker.support.BrokerProcess;
import io.ripple.devbroker.support.Events;
import io.ripple.devbroker.support.Subscriber;
import io.ripple.devbroker.support.Subscriber.Received;
import io.ripple.devbroker.support.Subscriber.Response;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Delivery: retries by status code, backoff policies, timeout, dead letter sink with the
 * {@code knativeerror*} extensions, the dead-letter store and replay. Each trigger has its own
 * event type and subscriber path; the subscriber's answer is chosen per request.
 */
class DeliveryIT {

    static Subscriber sink;
    static BrokerProcess broker;
    static final CountDownLatch RELEASE_SLOW = new CountDownLatch(1);

    @BeforeAll
    static void start() {
        sink = Subscriber.start().respond(DeliveryIT::answer);
        broker = BrokerProcess.with("delivery").service("sink", sink.url()).service("dls", sink.url()).start();
    }

    @AfterAll
    static void stop() {
        RELEASE_SLOW.countDown();
        if (broker != null) {
            broker.close();
        }
        sink.close();
    }

    private static final AtomicInteger RETRY_THEN_OK = new AtomicInteger();
    private static final AtomicInteger GARBAGE = new AtomicInteger();
    private static volatile boolean storeAccepts;

    private static Response answer(Received request) {
        String subject = request.event().getSubject();
        switch (request.path()) {
            case "/retry-then-ok":
                return RETRY_THEN_OK.incrementAndGet() <= 2 ? Response.status(503) : Response.noContent();
            case "/codes":
                int code = Integer.parseInt(subject);
                return Response.body(code, "text/plain", subject.equals("400") && request.event().getExtension("big")
                        != null ? "x".repeat(2000) : "boom-" + code);
            case "/slow":
                try {
                    RELEASE_SLOW.await(30, TimeUnit.SECONDS); // a subscriber that does not answer in time
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Response.noContent();
            case "/no-dls":
                return storeAccepts ? Response.noContent() : Response.body(500, "text/plain", "store me");
            case "/linear", "/exponential", "/inherits":
                return Response.status(500);
            case "/garbage":
                return GARBAGE.incrementAndGet() == 1 ? Response.body(200, "text/plain", "hello, not an event")
                        : Response.noContent();
            default:
                return Response.noContent();
        }
    }

    @Test
    void retryableFailuresAreRetriedUntilDelivered() {
        CloudEvent sent = send(event("d.retry").build());

        await().until(() -> attempts("/retry-then-ok", sent).size() == 3);
        JsonNode delivery = awaitDelivery(sent, "ripple/retry-then-ok");
        assertThat(delivery.path("outcome").asText()).isEqualTo("delivered");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.path("retries").asInt()).isEqualTo(2);
        assertThat(delivery.path("statusCode").asInt()).isEqualTo(204);
    }

    @Test
    void retryableStatusCodesAreRetriedThenDeadLettered() {
        for (int code : new int[] {404, 408, 409, 429, 500, 502, 503}) {
            CloudEvent sent = send(event("d.codes").withSubject(Integer.toString(code)).build());

            Received deadLetter = awaitDeadLetter(sent);

            assertThat(attempts("/codes", sent)).as("attempts for %d", code).hasSize(2);
            assertThat(deadLetter.extension("knativeerrorcode")).isEqualTo(Integer.toString(code));
            assertThat(deadLetter.extension("knativeerrordest")).isEqualTo(sink.url() + "/codes");
            assertThat(new String(Base64.getDecoder().decode(deadLetter.extension("knativeerrordata"))))
                    .isEqualTo("boom-" + code);
            assertThat(awaitDelivery(sent, "ripple/codes").path("outcome").asText()).isEqualTo("dead-lettered");
        }
    }

    @Test
    void otherClientErrorsAreNotRetried() {
        for (int code : new int[] {400, 401, 403, 422}) {
            CloudEvent sent = send(event("d.codes").withSubject(Integer.toString(code)).build());

            Received deadLetter = awaitDeadLetter(sent);

            assertThat(attempts("/codes", sent)).as("attempts for %d", code).hasSize(1);
            assertThat(deadLetter.extension("knativeerrorcode")).isEqualTo(Integer.toString(code));
        }
    }

    @Test
    void errorDataIsTruncatedTo1024Bytes() {
        CloudEvent sent = send(event("d.codes").withSubject("400").withExtension("big", "yes").build());

        Received deadLetter = awaitDeadLetter(sent);

        assertThat(Base64.getDecoder().decode(deadLetter.extension("knativeerrordata"))).hasSize(1024);
    }

    @Test
    void networkErrorsAreRetriedThenDeadLetteredWithoutCode() {
        CloudEvent sent = send(event("d.unreachable").build());

        Received deadLetter = awaitDeadLetter(sent);

        assertThat(deadLetter.extension("knativeerrorcode")).isNull();
        assertThat(deadLetter.extension("knativeerrordest")).isEqualTo("http://127.0.0.1:1/nobody-listens");
        JsonNode delivery = awaitDelivery(sent, "ripple/unreachable");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void attemptsThatTimeOutAreRetriedThenDeadLettered() {
        CloudEvent sent = send(event("d.slow").build());

        awaitDeadLetter(sent);

        assertThat(attempts("/slow", sent)).hasSize(2);
        assertThat(awaitDelivery(sent, "ripple/slow").path("detail").asText()).contains("timeout");
    }

    @Test
    void linearBackoffWaitsDelayTimesRetryNumber() {
        CloudEvent sent = send(event("d.linear").build());

        await().until(() -> attempts("/linear", sent).size() == 4);

        assertGapsAtLeast(attempts("/linear", sent), 100, 200, 300);
    }

    @Test
    void exponentialBackoffWaitsDelayTimesTwoToTheRetryNumber() {
        CloudEvent sent = send(event("d.exponential").build());

        await().until(() -> attempts("/exponential", sent).size() == 4);

        assertGapsAtLeast(attempts("/exponential", sent), 100, 200, 400);
    }

    @Test
    void triggerWithoutDeliverySpecUsesTheBrokers() {
        CloudEvent sent = send(event("d.inherits").build());

        JsonNode delivery = awaitDelivery(sent, "ripple/inherits");

        assertThat(delivery.path("attempts").asInt()).as("broker retry: 2").isEqualTo(3);
        assertThat(attempts("/inherits", sent)).hasSize(3);
    }

    @Test
    void nonEmptyResponseThatIsNotACloudEventIsAFailedDelivery() {
        CloudEvent sent = send(event("d.garbage").build());

        JsonNode delivery = awaitDelivery(sent, "ripple/garbage");

        assertThat(delivery.path("outcome").asText()).isEqualTo("delivered");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void withoutDeadLetterSinkTheEventIsKeptAndCanBeReplayed() {
        CloudEvent sent = send(event("d.store").build());

        JsonNode letter = await().until(() -> broker.getJson("/api/v1/dead-letters?trigger=ripple/no-dls")
                .path("items"), items -> items.findValuesAsText("eventId").contains(sent.getId()));
        JsonNode stored = find(letter, sent.getId());
        assertThat(stored.path("state").asText()).isEqualTo("dead");
        assertThat(stored.path("statusCode").asInt()).isEqualTo(500);
        assertThat(stored.path("attempts").asInt()).isEqualTo(2);
        assertThat(stored.path("event").path("id").asText()).isEqualTo(sent.getId());
        assertThat(awaitDelivery(sent, "ripple/no-dls").path("outcome").asText()).isEqualTo("dead-letter-stored");

        storeAccepts = true;
        long id = stored.path("id").asLong();
        assertThat(broker.post("/api/v1/dead-letters/" + id + "/replay").statusCode()).isEqualTo(202);

        await().until(() -> broker.getJson("/api/v1/dead-letters/" + id).path("state").asText(), "replayed"::equals);
        assertThat(attempts("/no-dls", sent)).hasSize(3);
        assertThat(broker.post("/api/v1/dead-letters/" + id + "/replay").statusCode()).isEqualTo(409);
        assertThat(broker.post("/api/v1/dead-letters/999999/replay").statusCode()).isEqualTo(404);
    }

    private static JsonNode find(JsonNode items, String eventId) {
        for (JsonNode item : items) {
            if (item.path("eventId").asText().equals(eventId)) {
                return item;
            }
        }
        throw new AssertionError("no dead letter for " + eventId);
    }

    private static void assertGapsAtLeast(List<Received> attempts, long... millis) {
        for (int i = 0; i < millis.length; i++) {
            long gap = TimeUnit.NANOSECONDS.toMillis(attempts.get(i + 1).nanoTime() - attempts.get(i).nanoTime());
            assertThat(gap).as("gap before retry %d", i + 1).isGreaterThanOrEqualTo(millis[i] - 5);
        }
    }

    private static CloudEvent send(CloudEvent event) {
        assertThat(Events.post(broker.ingress(), event).statusCode()).isEqualTo(202);
        return event;
    }

    private static List<Received> attempts(String path, CloudEvent event) {
        return sink.received(r -> r.path().equals(path) && r.event().getId().equals(event.getId()));
    }

    private static Received awaitDeadLetter(CloudEvent event) {
        return await().until(() -> attempts("/dls", event), list -> !list.isEmpty()).get(0);
    }

    /** The delivery record of {@code event} at {@code trigger}, once written. */
    static JsonNode awaitDelivery(CloudEvent event, String trigger) {
        return await().until(() -> {
            for (JsonNode delivery : broker.getJson("/api/v1/events/" + event.getId() + "/deliveries").path("items")) {
                if (delivery.path("trigger").asText().equals(trigger)) {
                    return delivery;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }
}

package io.ripple.devbroker;

import static io.ripple.devbroker.support.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import io.ripple.devbroker.support.BrokerProcess;
import io.ripple.devbroker.support.Events;
import io.ripple.devbroker.support.Subscriber;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * At-least-once across a crash: every event acknowledged with 202 before a {@code kill -9} is
 * delivered to every matching trigger after the restart (duplicates allowed, losses not).
 */
class KillRestartIT {

    @Test
    void killedBrokerLosesNothing() throws Exception {
        Path data = Files.createTempDirectory("devbroker-kill-");
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        try (Subscriber sink = Subscriber.start()) {
            BrokerProcess broker = BrokerProcess.with("kill").service("sink", sink.url()).dataDir(data).start();
            try {
                // Producers keep posting while the broker is killed: some requests get 202, some fail.
                CountDownLatch halfAccepted = new CountDownLatch(300);
                ExecutorService producers = Executors.newFixedThreadPool(8);
                for (int p = 0; p < 8; p++) {
                    int producer = p;
                    producers.execute(() -> {
                        for (int i = 0; i < 150; i++) {
                            CloudEvent sent = event("k.durable").withExtension("partitionkey", "key/" + (i % 5))
                                    .withSubject(producer + "-" + i).build();
                            try {
                                if (Events.post(broker.ingress(), sent).statusCode() == 202) {
                                    accepted.add(sent.getId());
                                    halfAccepted.countDown();
                                }
                            } catch (UncheckedIOException e) {
                                return; // the broker is gone
                            }
                        }
                    });
                }
                assertThat(halfAccepted.await(60, TimeUnit.SECONDS)).isTrue();

                broker.kill();
                producers.shutdown();
                assertThat(producers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
                int deliveredBeforeRestart = ids(sink, "/unordered").size();

                broker.restart();

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(ids(sink, "/unordered")).containsAll(accepted);
                    assertThat(ids(sink, "/ordered")).containsAll(accepted);
                });
                assertThat(accepted).hasSizeGreaterThanOrEqualTo(300);
                assertThat(deliveredBeforeRestart).as("the kill interrupted delivery").isLessThan(1200);
            } finally {
                broker.close();
            }
        }
    }

    private static Set<String> ids(Subscriber sink, String path) {
        List<Subscriber.Received> received = new ArrayList<>(sink.received(r -> r.path().equals(path)));
        return received.stream().map(r -> r.event().getId()).collect(Collectors.toSet());
    }
}

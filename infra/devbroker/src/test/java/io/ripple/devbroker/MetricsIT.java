package io.ripple.devbroker;

import static io.ripple.devbroker.support.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ripple.devbroker.support.BrokerProcess;
import io.ripple.devbroker.support.Events;
import io.ripple.devbroker.support.Subscriber;
import io.ripple.devbroker.support.Subscriber.Received;
import io.ripple.devbroker.support.Subscriber.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /q/metrics} under the names and labels of Ripple's metrics contract
 * (infra/observability MetricsContract; the dashboard and alerts query exactly these), with the
 * right counts after a known sequence: two accepted events, one refused, one delivery retried once
 * then delivered, one retried once then dead-lettered.
 */
class MetricsIT {

    static Subscriber sink;
    static BrokerProcess broker;
    static final AtomicInteger FLAKY = new AtomicInteger();

    @BeforeAll
    static void start() {
        sink = Subscriber.start().respond(MetricsIT::answer);
        broker = BrokerProcess.with("metrics").service("sink", sink.url()).start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        sink.close();
    }

    private static Response answer(Received request) {
        return switch (request.path()) {
            case "/flaky" -> FLAKY.incrementAndGet() == 1 ? Response.status(503) : Response.noContent();
            case "/broken" -> Response.status(500);
            default -> Response.noContent();
        };
    }

    @Test
    void metricsFollowTheContractWithTheRightCounts() {
        assertThat(Events.post(broker.ingress(), event("m.flaky").build()).statusCode()).isEqualTo(202);
        assertThat(Events.post(broker.ingress(), event("m.broken").build()).statusCode()).isEqualTo(202);
        assertThat(Events.send("POST", broker.ingress(), Map.of("Content-Type", "application/json"),
                "{}".getBytes()).statusCode()).isEqualTo(400);

        Map<String, Double> samples = await().until(() -> samples(broker.get("/q/metrics").body()),
                s -> s.getOrDefault("ripple_broker_dead_letters_total{trigger=\"broken\"}", 0.0) == 1.0
                        && s.getOrDefault("ripple_broker_deliveries_total{outcome=\"delivered\",trigger=\"flaky\"}",
                                0.0) == 1.0);

        assertThat(samples)
                .containsEntry("ripple_broker_ingress_total{broker=\"default\",code=\"202\"}", 2.0)
                .containsEntry("ripple_broker_ingress_total{broker=\"default\",code=\"400\"}", 1.0)
                .containsEntry("ripple_broker_ingress_seconds_count{broker=\"default\"}", 3.0)
                .containsEntry("ripple_broker_deliveries_total{outcome=\"retried\",trigger=\"flaky\"}", 1.0)
                .containsEntry("ripple_broker_deliveries_total{outcome=\"retried\",trigger=\"broken\"}", 1.0)
                .containsEntry("ripple_broker_deliveries_total{outcome=\"dead_lettered\",trigger=\"broken\"}", 1.0)
                .doesNotContainKey("ripple_broker_deliveries_total{outcome=\"delivered\",trigger=\"broken\"}")
                .doesNotContainKey("ripple_broker_dead_letters_total{trigger=\"flaky\"}");
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("ripple_broker_ingress_seconds_bucket{broker=\"default\""));
        await().until(() -> samples(broker.get("/q/metrics").body()),
                s -> s.get("ripple_broker_trigger_lag{trigger=\"flaky\"}") == 0.0
                        && s.get("ripple_broker_trigger_lag{trigger=\"broken\"}") == 0.0);
    }

    /** Prometheus text format: series (name and labels, as rendered) to value. */
    private static Map<String, Double> samples(String exposition) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }
}

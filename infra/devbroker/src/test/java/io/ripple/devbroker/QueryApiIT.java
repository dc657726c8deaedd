package io.ripple.devbroker;

import static io.ripple.devbroker.support.Events.event;
import static io.ripple.devbroker.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.ripple.devbroker.support.BrokerProcess;
import io.ripple.devbroker.support.Events;
import io.ripple.devbroker.support.Subscriber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The query API (event log, deliveries per event, trigger lag), health and metrics. */
class QueryApiIT {

    static Subscriber sink;
    static BrokerProcess broker;

    @BeforeAll
    static void start() {
        sink = Subscriber.start();
        broker = BrokerProcess.with("ingress").service("sink", sink.url()).start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        sink.close();
    }

    @Test
    void eventLogIsSearchableByCorrelationTypeAndSubjectWithPaging() {
        List<CloudEvent> chain = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            chain.add(event("q.step").withSubject(i % 2 == 0 ? "even" : "odd")
                    .withExtension("correlationid", "q-chain").build());
        }
        chain.forEach(e -> assertThat(Events.post(broker.ingress(), e).statusCode()).isEqualTo(202));
        Events.post(broker.ingress(), event("q.step").withExtension("correlationid", "another").build());

        JsonNode page1 = broker.getJson("/api/v1/events?correlationid=q-chain&limit=3");
        assertThat(page1.path("items").findValuesAsText("id")).containsExactly(
                chain.get(0).getId(), chain.get(1).getId(), chain.get(2).getId());
        long next = page1.path("nextAfter").asLong();
        JsonNode page2 = broker.getJson("/api/v1/events?correlationid=q-chain&limit=3&after=" + next);
        assertThat(page2.path("items").findValuesAsText("id")).containsExactly(chain.get(3).getId(),
                chain.get(4).getId());
        assertThat(page2.path("nextAfter").isNull()).isTrue();

        assertThat(broker.getJson("/api/v1/events?correlationid=q-chain&subject=even").path("items")).hasSize(3);
        assertThat(broker.getJson("/api/v1/events?type=q.step").path("items")).hasSize(6);
    }

    @Test
    void eventLogIsSearchableByArrivalTime() {
        Instant before = Instant.now().minusMillis(1);
        CloudEvent sent = event("q.timed").build();
        Events.post(broker.ingress(), sent);
        Instant after = Instant.now().plusSeconds(1);

        assertThat(broker.getJson("/api/v1/events?type=q.timed&since=" + before + "&until=" + after)
                .path("items").findValuesAsText("id")).containsExactly(sent.getId());
        assertThat(broker.getJson("/api/v1/events?type=q.timed&since=" + after).path("items")).isEmpty();
        assertProblem(broker.get("/api/v1/events?since=yesterday"), 400);
        assertProblem(broker.get("/api/v1/events?limit=0"), 400);
    }

    @Test
    void deliveriesOfAnEventAreQueryableById() {
        CloudEvent sent = event("q.delivered").build();
        Events.post(broker.ingress(), sent);

        JsonNode delivery = await().until(() -> broker.getJson("/api/v1/events/" + sent.getId() + "/deliveries")
                .path("items"), items -> items.size() == 1).get(0);

        assertThat(delivery.path("trigger").asText()).isEqualTo("ripple/everything");
        assertThat(delivery.path("outcome").asText()).isEqualTo("delivered");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.path("statusCode").asInt()).isEqualTo(204);
        assertProblem(broker.get("/api/v1/events/no-such-id"), 404);
    }

    @Test
    void triggersReportTheirLag() {
        JsonNode trigger = await().until(() -> broker.getJson("/api/v1/triggers").path("items").get(0),
                t -> t.path("lag").asLong() == 0);

        assertThat(trigger.path("name").asText()).isEqualTo("everything");
        assertThat(trigger.path("subscriber").asText()).contains("sink");
        assertProblem(broker.get("/api/v1/triggers/ripple/nope"), 404);
    }

    @Test
    void healthAndMetricsAreExposed() {
        Events.post(broker.ingress(), event("q.metered").build());

        assertThat(broker.get("/q/health/live").statusCode()).isEqualTo(200);
        assertThat(broker.getJson("/q/health/ready").path("status").asText()).isEqualTo("UP");
        await().untilAsserted(() -> assertThat(broker.get("/q/metrics").body())
                .contains("ripple_broker_ingress_total")
                .contains("ripple_broker_ingress_seconds")
                .contains("ripple_broker_deliveries_total")
                .contains("ripple_broker_trigger_lag{trigger=\"everything\"}"));
    }
}

package io.ripple.supervisor;

import io.ripple.testkit.ActorRequests;
import io.ripple.testkit.InMemoryBrokerResource;
import io.ripple.testkit.PublishedEvents;

import static io.restassured.RestAssured.given;
import static io.ripple.testkit.ActorRequests.command;
import static io.ripple.testkit.ActorRequests.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The supervisor function with the shipped policies over real HTTP CloudEvents. */
@QuarkusTest
@QuarkusTestResource(value = InMemoryBrokerResource.class, restrictToAnnotatedClass = true)
class SupervisorFunctionTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    private PublishedEvents broker;

    @BeforeEach
    void emptyBroker() {
        broker = PublishedEvents.from(connector);
    }

    private List<CloudEvent> published() {
        return broker.all();
    }

    private JsonNode data(CloudEvent event) {
        return PublishedEvents.data(event);
    }

    static String failedBrew(String order) {
        return "{\"recipe\":\"latte\",\"outcome\":\"failed\",\"reason\":\"no water\",\"order\":\"" + order + "\"}";
    }

    @Test
    void aFailedBrewIsRetriedInTheSameChain() throws Exception {
        String order = "o-" + UUID.randomUUID();
        ActorRequests.binary(ActorRequests.newId(), "coffee.machine.brewing-finished", "/actors/coffee-machine/m1", "m1")
                .header("ce-time", "2026-01-01T08:00:00Z").header("ce-correlationid", "chain-" + order)
                .body(failedBrew(order)).post("/").then().statusCode(204);

        List<CloudEvent> events = published();
        assertThat(events).extracting(CloudEvent::getType).containsExactly("coffee.supervisor.policy-applied",
                "coffee.supervisor.order-retry-requested", "coffee.supervisor.policy-applied");
        CloudEvent retry = events.get(1);
        assertThat(retry.getSource()).hasToString("/actors/supervisor/shop");
        assertThat(retry.getExtension("partitionkey")).isEqualTo("supervisor/shop");
        assertThat(retry.getExtension("correlationid")).isEqualTo("chain-" + order);
        JsonNode data = data(retry);
        assertThat(data.get("order").asText()).isEqualTo(order);
        assertThat(data.get("machine").asText()).isEqualTo("m1");
        assertThat(data.get("attempt").asInt()).isEqualTo(1);
        assertThat(data(events.get(0)).get("at").asText()).isEqualTo("2026-01-01T08:00:00Z");
    }

    @Test
    void theThirdFailureOfAnOrderGivesItUp() {
        String order = "o-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            event("coffee.machine.brewing-finished", "coffee-machine", "m-" + UUID.randomUUID(), failedBrew(order))
                    .statusCode(204);
        }
        assertThat(published()).extracting(CloudEvent::getType).contains("coffee.supervisor.order-given-up",
                "coffee.supervisor.alert-raised").filteredOn("coffee.supervisor.order-retry-requested"::equals)
                .hasSize(2);
    }

    @Test
    void anEventNoPolicyAppliesToIsAcknowledgedAndChangesNothing() {
        event("coffee.machine.brewing-finished", "coffee-machine", "m1",
                "{\"recipe\":\"latte\",\"outcome\":\"ok\",\"reason\":null,\"order\":\"o1\"}").statusCode(204);
        event("coffee.order.failed", "order", "o1", "{\"reason\":\"too slow\"}").statusCode(204);
        assertThat(published()).isEmpty();
    }

    @Test
    void aReportedDeadLetterRaisesAnAlert() throws Exception {
        command("coffee.supervisor.report-dead-letter", "shop", """
                {"eventId":"e-1","eventType":"coffee.machine.brew","eventSubject":"m1","trigger":"coffee-machine",
                 "statusCode":500,"reason":"internal error","at":"2026-01-01T08:00:00Z"}""").statusCode(204);
        CloudEvent alert = published().get(1);
        assertThat(alert.getType()).isEqualTo("coffee.supervisor.alert-raised");
        assertThat(data(alert).get("key").asText()).isEqualTo("coffee.machine.brew");
    }

    @Test
    void aDeadLetterOfAnyTypeSentToTheServiceRaisesAnAlert() throws Exception {
        // What a Trigger's deadLetterSink (this Service) receives: the failed event, its own
        // type and subject, plus Knative's knativeerror* extensions (data base64-encoded).
        String id = ActorRequests.newId();
        ActorRequests.binary(id, "coffee.barista.order-assigned", "/actors/barista/shop", "shop")
                .header("ce-correlationid", "chain-dl")
                .header("ce-knativeerrordest", "http://barista.ripple.svc.cluster.local")
                .header("ce-knativeerrorcode", "503")
                .header("ce-knativeerrordata", java.util.Base64.getEncoder().encodeToString("store down".getBytes()))
                .body("{\"order\":\"o1\",\"machine\":\"m1\",\"recipe\":\"latte\"}").post("/").then().statusCode(204);

        List<CloudEvent> events = published();
        assertThat(events).extracting(CloudEvent::getType)
                .containsExactly("coffee.supervisor.policy-applied", "coffee.supervisor.alert-raised");
        CloudEvent alert = events.get(1);
        assertThat(alert.getExtension("correlationid")).isEqualTo("chain-dl");
        assertThat(data(alert).get("key").asText()).isEqualTo("coffee.barista.order-assigned");
        assertThat(data(alert).get("reason").asText()).contains("store down");
        JsonNode applied = data(events.get(0));
        assertThat(applied.get("subject").asText()).isEqualTo("shop");
    }

    @Test
    void aDeadLetterOfATypeTheSupervisorWatchesIsNotObservedAsThatType() throws Exception {
        // A failed brew that another Trigger dead-lettered is a dead letter here, not a second failure.
        ActorRequests.binary(ActorRequests.newId(), "coffee.machine.brewing-finished", "/actors/coffee-machine/m1", "m1")
                .header("ce-knativeerrordest", "http://order.ripple.svc.cluster.local")
                .header("ce-knativeerrorcode", "500")
                .body(failedBrew("o-" + UUID.randomUUID())).post("/").then().statusCode(204);

        assertThat(published()).extracting(CloudEvent::getType)
                .containsExactly("coffee.supervisor.policy-applied", "coffee.supervisor.alert-raised")
                .doesNotContain("coffee.supervisor.order-retry-requested");
    }

    // ---- bad input: 400 with a problem body, nothing published ----------------------

    @Test
    void aDeadLetterReportWithoutTimeIsABadRequest() {
        command("coffee.supervisor.report-dead-letter", "shop", "{\"eventType\":\"coffee.machine.brew\"}")
                .statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:ripple:problem:undecodable-data"))
                .body("detail", containsString("at (when the event was dead-lettered) is required"));
        assertThat(published()).isEmpty();
    }

    @Test
    void anUnknownTypeIsABadRequest() {
        event("coffee.machine.exploded", "coffee-machine", "m1", "{}").statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:ripple:problem:unknown-type"));
    }

    @Test
    void theActorDescribesWhatItConsumesAndEmits() {
        given().get("/q/ripple").then().statusCode(200)
                .body("actor", equalTo("supervisor"))
                .body("consumes.size()", equalTo(6))
                .body("reactions", hasItem("coffee.machine.brewing-timed-out"))
                .body("emits", hasItem("coffee.supervisor.order-retry-requested"));
    }

    @Test
    void healthIsExposedForKnativeProbes() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }
}

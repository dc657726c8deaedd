package io.ripple.barista;

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

/**
 * The barista function over real HTTP CloudEvents: other actors' events in, the barista's
 * decisions out (in memory). Only {@link #theShopsBaristaFollowsOrdersAndMachines} uses the
 * shop's barista, so no test depends on another's leftovers.
 */
@QuarkusTest
@QuarkusTestResource(value = InMemoryBrokerResource.class, restrictToAnnotatedClass = true)
class BaristaFunctionTest {

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
        return broker.take();
    }

    private JsonNode data(CloudEvent event) {
        return PublishedEvents.data(event);
    }

    @Test
    void theShopsBaristaFollowsOrdersAndMachines() throws Exception {
        event("coffee.machine.initialization-completed", "coffee-machine", "m1", "{}").statusCode(204);
        CloudEvent ready = published().get(0);
        assertThat(ready.getType()).isEqualTo("coffee.barista.machine-status-updated");
        assertThat(data(ready).get("status").asText()).isEqualTo("READY");

        ActorRequests.binary(ActorRequests.newId(), "coffee.order.accepted", "/actors/order/o1", "o1")
                .header("ce-correlationid", "chain-o1").body("{\"recipe\":\"latte\",\"customer\":\"ada\"}")
                .post("/").then().statusCode(204);
        List<CloudEvent> decided = published();
        assertThat(decided).extracting(CloudEvent::getType)
                .containsExactly("coffee.barista.order-queued", "coffee.barista.order-assigned");
        CloudEvent assigned = decided.get(1);
        assertThat(assigned.getSource()).hasToString("/actors/barista/shop");
        assertThat(assigned.getSubject()).isEqualTo("shop");
        assertThat(assigned.getExtension("partitionkey")).isEqualTo("barista/shop");
        assertThat(assigned.getExtension("correlationid")).isEqualTo("chain-o1");
        assertThat(data(assigned).get("order").asText()).isEqualTo("o1");
        assertThat(data(assigned).get("machine").asText()).isEqualTo("m1");
        assertThat(data(assigned).get("recipe").asText()).isEqualTo("latte");

        event("coffee.order.accepted", "order", "o2", "{\"recipe\":\"mocha\",\"customer\":\"bob\"}").statusCode(204);
        assertThat(published()).extracting(CloudEvent::getType).containsExactly("coffee.barista.order-queued");

        event("coffee.machine.brew-started", "coffee-machine", "m1", "{\"recipe\":\"latte\",\"order\":\"o1\"}")
                .statusCode(204);
        assertThat(data(published().get(0)).get("status").asText()).isEqualTo("BREWING");

        event("coffee.machine.brewing-finished", "coffee-machine", "m1",
                "{\"recipe\":\"latte\",\"outcome\":\"failed\",\"reason\":\"no water\",\"order\":\"o1\"}")
                .statusCode(204);
        decided = published();
        assertThat(decided).extracting(CloudEvent::getType)
                .containsExactly("coffee.barista.machine-status-updated", "coffee.barista.order-assigned");
        assertThat(data(decided.get(1)).get("order").asText()).isEqualTo("o2");

        event("coffee.supervisor.order-retry-requested", "supervisor", "shop",
                "{\"order\":\"o1\",\"recipe\":\"latte\",\"machine\":\"m1\",\"policy\":\"retry\"}").statusCode(204);
        assertThat(published()).extracting(CloudEvent::getType).containsExactly("coffee.barista.order-queued");

        event("coffee.machine.initialization-completed", "coffee-machine", "m2", "{}").statusCode(204);
        decided = published();
        assertThat(decided).extracting(CloudEvent::getType)
                .containsExactly("coffee.barista.machine-status-updated", "coffee.barista.order-assigned");
        assertThat(data(decided.get(1)).get("machine").asText()).isEqualTo("m2");

        event("coffee.machine.command-rejected", "coffee-machine", "m2",
                "{\"commandType\":\"coffee.machine.initialize\",\"reason\":\"machine is already READY\"}")
                .statusCode(204);
        assertThat(published()).as("only refused brews concern the barista").isEmpty();
    }

    @Test
    void operatorsMayTakeAMachineOutDirectly() throws Exception {
        String barista = "test-" + UUID.randomUUID();
        command("coffee.barista.take-machine-out", barista, "{\"machine\":\"m1\",\"reason\":\"descaling\"}")
                .statusCode(204);
        CloudEvent out = published().get(0);
        assertThat(out.getType()).isEqualTo("coffee.barista.machine-status-updated");
        assertThat(data(out).get("inRotation").asBoolean()).isFalse();
        assertThat(data(out).get("reason").asText()).isEqualTo("descaling");
    }

    @Test
    void queueingTheSameOrderTwiceIsRejectedAsAnEvent() throws Exception {
        String barista = "test-" + UUID.randomUUID();
        command("coffee.barista.queue-order", barista, "{\"order\":\"o1\",\"recipe\":\"latte\"}").statusCode(204);
        command("coffee.barista.queue-order", barista, "{\"order\":\"o1\",\"recipe\":\"latte\"}").statusCode(204);
        CloudEvent rejected = published().get(1);
        assertThat(rejected.getType()).isEqualTo("coffee.barista.command-rejected");
        assertThat(data(rejected).get("reason").asText()).isEqualTo("order o1 is already queued");
    }

    // ---- bad input: 400 with a problem body, nothing published ----------------------

    @Test
    void anUnavailableStatusThatIsNotOffOrFaultyIsABadRequest() {
        command("coffee.barista.note-machine-unavailable", "test-" + UUID.randomUUID(),
                "{\"machine\":\"m1\",\"status\":\"READY\"}").statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:ripple:problem:undecodable-data"))
                .body("detail", containsString("status must be OFF or FAULTY"));
        assertThat(published()).isEmpty();
    }

    @Test
    void anOrderWithoutRecipeIsABadRequest() {
        event("coffee.order.accepted", "order", "o9", "{\"customer\":\"ada\"}").statusCode(400)
                .contentType(PROBLEM).body("detail", containsString("recipe is required"));
        assertThat(published()).isEmpty();
    }

    @Test
    void anUnknownTypeIsABadRequest() {
        command("coffee.barista.make-tea", "shop", "{}").statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:ripple:problem:unknown-type"));
        assertThat(published()).isEmpty();
    }

    @Test
    void theActorDescribesWhatItConsumesAndEmits() {
        given().get("/q/ripple").then().statusCode(200)
                .body("actor", equalTo("barista"))
                .body("consumes.size()", equalTo(19))
                .body("reactions", hasItem("coffee.order.accepted"))
                .body("emits", hasItem("coffee.barista.order-assigned"));
    }

    @Test
    void healthIsExposedForKnativeProbes() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }
}

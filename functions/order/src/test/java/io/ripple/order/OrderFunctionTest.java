package io.ripple.order;

import io.ripple.testkit.ActorRequests;
import io.ripple.testkit.InMemoryBrokerResource;
import io.ripple.testkit.PublishedEvents;

import static io.ripple.testkit.ActorRequests.command;
import static io.ripple.testkit.ActorRequests.event;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ripple.runtime.store.EventStore;
import io.ripple.runtime.store.StreamId;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The order function over real HTTP CloudEvents; emitted events land in memory. */
@QuarkusTest
@QuarkusTestResource(value = InMemoryBrokerResource.class, restrictToAnnotatedClass = true)
class OrderFunctionTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    EventStore store;

    private PublishedEvents broker;
    private String order;

    @BeforeEach
    void freshOrder() {
        broker = PublishedEvents.from(connector);
        order = "order-" + UUID.randomUUID();
    }

    private List<CloudEvent> published() {
        return broker.all();
    }

    private JsonNode data(CloudEvent event) {
        return PublishedEvents.data(event);
    }

    private void place(String recipe) {
        command("coffee.order.place", order, "{\"recipe\":\"" + recipe + "\",\"customer\":\"ada\"}").statusCode(204);
    }

    @Test
    void placingAnOrderAcceptsItWithTheWireContract() throws Exception {
        place("latte");

        assertThat(published()).hasSize(1);
        CloudEvent accepted = published().get(0);
        assertThat(accepted.getType()).isEqualTo("coffee.order.accepted");
        assertThat(accepted.getSource()).hasToString("/actors/order/" + order);
        assertThat(accepted.getSubject()).isEqualTo(order);
        assertThat(accepted.getExtension("partitionkey")).isEqualTo("order/" + order);
        JsonNode data = data(accepted);
        assertThat(data.get("recipe").asText()).isEqualTo("latte");
        assertThat(data.get("customer").asText()).isEqualTo("ada");
        assertThat(data.size()).as("timer methods are not data").isEqualTo(2);
    }

    @Test
    void anOrderForARecipeNotOnTheMenuIsRejected() throws Exception {
        place("hot chocolate");

        CloudEvent rejected = published().get(0);
        assertThat(rejected.getType()).isEqualTo("coffee.order.rejected");
        assertThat(data(rejected).get("reason").asText()).isEqualTo("'hot chocolate' is not on the menu");
    }

    @Test
    void theMachinesSuccessfulBrewCompletesTheOrderInTheSameChain() throws Exception {
        place("latte");
        ActorRequests.binary(ActorRequests.newId(), "coffee.machine.brewing-finished", "/actors/coffee-machine/m1", "m1")
                .header("ce-correlationid", "chain-of-" + order)
                .body("{\"recipe\":\"latte\",\"outcome\":\"ok\",\"reason\":null,\"order\":\"" + order + "\"}")
                .post("/").then().statusCode(204);

        CloudEvent completed = published().get(1);
        assertThat(completed.getType()).isEqualTo("coffee.order.completed");
        assertThat(completed.getSubject()).isEqualTo(order);
        assertThat(completed.getExtension("correlationid")).isEqualTo("chain-of-" + order);
        assertThat(data(completed).get("machine").asText()).isEqualTo("m1");
    }

    @Test
    void aFailedBrewIsAcknowledgedAndChangesNothing() {
        place("latte");
        event("coffee.machine.brewing-finished", "coffee-machine", "m1",
                "{\"recipe\":\"latte\",\"outcome\":\"failed\",\"reason\":\"no water\",\"order\":\"" + order + "\"}")
                .statusCode(204);

        assertThat(published()).extracting(CloudEvent::getType).containsExactly("coffee.order.accepted");
        assertThat(store.load(new StreamId("order", order)).version()).isEqualTo(1);
    }

    @Test
    void theSupervisorGivingUpFailsTheOrderAndRequestsARefund() throws Exception {
        place("mocha");
        event("coffee.supervisor.order-given-up", "supervisor", "shop",
                "{\"order\":\"" + order + "\",\"reason\":\"brew failed 3 times\",\"policy\":\"retry\"}")
                .statusCode(204);

        assertThat(published()).extracting(CloudEvent::getType).containsExactly("coffee.order.accepted",
                "coffee.order.failed", "coffee.order.refund-requested");
        JsonNode refund = data(published().get(2));
        assertThat(refund.get("customer").asText()).isEqualTo("ada");
        assertThat(refund.get("recipe").asText()).isEqualTo("mocha");
        assertThat(refund.get("reason").asText()).isEqualTo("brew failed 3 times");
    }

    @Test
    void theServeTimerFailsTheOrderLikeAnyCommand() {
        place("latte");
        ActorRequests.binary(ActorRequests.newId(), "coffee.order.fail", "/actors/order/" + order, order)
                .header("ce-rippletimer", "serve-timeout")
                .body("{\"reason\":\"not served within 10 minutes\"}").post("/").then().statusCode(204);

        assertThat(published()).extracting(CloudEvent::getType).containsExactly("coffee.order.accepted",
                "coffee.order.failed", "coffee.order.refund-requested");
    }

    // ---- bad input: 400 with a problem body, nothing stored, nothing published ----------

    @Test
    void anOrderWithoutCustomerIsABadRequest() {
        command("coffee.order.place", order, "{\"recipe\":\"latte\"}").statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:ripple:problem:undecodable-data"))
                .body("detail", containsString("customer is required"));
        assertThat(published()).isEmpty();
        assertThat(store.load(new StreamId("order", order)).version()).isZero();
    }

    @Test
    void anUnknownTypeIsABadRequest() {
        command("coffee.order.cancel", order, "{}").statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:ripple:problem:unknown-type"))
                .body("detail", containsString("coffee.order.cancel"));
        assertThat(published()).isEmpty();
    }

    @Test
    void theActorDescribesWhatItConsumesAndEmits() {
        given().get("/q/ripple").then().statusCode(200)
                .body("actor", equalTo("order"))
                .body("reactions", hasItem("coffee.machine.brewing-finished"))
                .body("consumes.size()", equalTo(5))
                .body("emits", hasItem("coffee.order.refund-requested"));
    }

    @Test
    void healthIsExposedForKnativeProbes() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }
}

package io.ripple.coffeemachine;

import io.ripple.testkit.InMemoryBrokerResource;
import io.ripple.testkit.PublishedEvents;

import static io.restassured.RestAssured.given;
import static io.ripple.coffeemachine.Commands.newId;
import static io.ripple.coffeemachine.Commands.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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

/** The coffee-machine function over real HTTP CloudEvents; emitted events land in memory. */
@QuarkusTest
@QuarkusTestResource(value = InMemoryBrokerResource.class, restrictToAnnotatedClass = true)
class CoffeeMachineFunctionTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    EventStore store;

    private PublishedEvents broker;
    private String machine;

    @BeforeEach
    void freshMachine() {
        broker = PublishedEvents.from(connector);
        machine = "machine-" + UUID.randomUUID();
    }

    private List<CloudEvent> published() {
        return broker.all();
    }

    private JsonNode data(CloudEvent event) {
        return PublishedEvents.data(event);
    }

    @Test
    void binaryCommandEmitsEventsCarryingTheWireContract() throws Exception {
        String commandId = newId();
        Commands.binary(commandId, "coffee.machine.initialize", machine)
                .header("ce-traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .body("{}").post("/").then().statusCode(204);

        assertThat(published()).hasSize(1);
        CloudEvent event = published().get(0);
        assertThat(event.getType()).isEqualTo("coffee.machine.initialization-completed");
        assertThat(event.getSource()).hasToString("/actors/coffee-machine/" + machine);
        assertThat(event.getSubject()).isEqualTo(machine);
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(event.getExtension("partitionkey")).isEqualTo("coffee-machine/" + machine);
        assertThat(event.getExtension("correlationid")).isEqualTo(commandId);
        assertThat(event.getExtension("causationid")).isEqualTo(commandId);
        assertThat(event.getExtension("traceparent"))
                .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(event.getId()).isNotEqualTo(commandId);
        assertThat(event.getTime()).isNotNull();
    }

    @Test
    void anIdWithSpacesIsAnActorLikeAnyOtherAndItsSourceIsPercentEncoded() {
        String spaced = "machine " + UUID.randomUUID() + ", counter 2";
        Commands.binary(newId(), "coffee.machine.initialize", spaced).body("{}").post("/").then().statusCode(204);

        assertThat(published()).hasSize(1);
        CloudEvent event = published().get(0);
        assertThat(event.getSubject()).isEqualTo(spaced);
        assertThat(event.getSource().getRawPath())
                .isEqualTo("/actors/coffee-machine/" + spaced.replace(" ", "%20"));
        assertThat(event.getSource().getPath()).isEqualTo("/actors/coffee-machine/" + spaced);
    }

    @Test
    void theChainIdIsInheritedFromTheCommand() {
        Commands.binary(newId(), "coffee.machine.initialize", machine).header("ce-correlationid", "order-42")
                .body("{}").post("/").then().statusCode(204);
        assertThat(published().get(0).getExtension("correlationid")).isEqualTo("order-42");
    }

    @Test
    void traceContextFromTheHttpHeaderIsPropagatedWhenTheEventHasNone() {
        Commands.binary(newId(), "coffee.machine.initialize", machine)
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .body("{}").post("/").then().statusCode(204);
        assertThat(published().get(0).getExtension("traceparent"))
                .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    @Test
    void structuredModeIsAccepted() throws Exception {
        post("coffee.machine.initialize", machine, "{}").statusCode(204);
        Commands.structured("""
                {"specversion":"1.0","id":"%s","source":"/tests","type":"coffee.machine.brew",
                 "subject":"%s","datacontenttype":"application/json","data":{"recipe":"latte"}}
                """.formatted(newId(), machine)).statusCode(204);

        CloudEvent started = published().get(1);
        assertThat(started.getType()).isEqualTo("coffee.machine.brew-started");
        assertThat(data(started).get("recipe").asText()).isEqualTo("latte");
    }

    @Test
    void aFullBrewEndsWithTheOutcomeOfTheHardware() throws Exception {
        post("coffee.machine.initialize", machine, "{}").statusCode(204);
        post("coffee.machine.brew", machine, "{\"recipe\":\"espresso\"}").statusCode(204);
        post("coffee.machine.finish-brewing", machine, "{\"outcome\":\"failed\",\"reason\":\"no beans\"}")
                .statusCode(204);

        assertThat(published()).extracting(CloudEvent::getType).containsExactly(
                "coffee.machine.initialization-completed", "coffee.machine.brew-started",
                "coffee.machine.brewing-finished");
        JsonNode finished = data(published().get(2));
        assertThat(finished.get("outcome").asText()).isEqualTo("failed");
        assertThat(finished.get("reason").asText()).isEqualTo("no beans");
    }

    @Test
    void aRejectedCommandIsAnsweredAndPublishedAsAnEvent() throws Exception {
        post("coffee.machine.brew", machine, "{\"recipe\":\"espresso\"}").statusCode(204);

        CloudEvent rejected = published().get(0);
        assertThat(rejected.getType()).isEqualTo("coffee.machine.command-rejected");
        assertThat(data(rejected).get("reason").asText()).isEqualTo("cannot brew while OFF");
        assertThat(data(rejected).get("commandType").asText()).isEqualTo("coffee.machine.brew");
    }

    @Test
    void theSameCommandTwiceGivesTheSameEventIdsAndOneStateChange() {
        post("coffee.machine.initialize", machine, "{}").statusCode(204);
        String brewId = newId();
        post(brewId, "coffee.machine.brew", machine, "{\"recipe\":\"espresso\"}").statusCode(204);
        post(brewId, "coffee.machine.brew", machine, "{\"recipe\":\"espresso\"}").statusCode(204);

        List<CloudEvent> events = published();
        assertThat(events).hasSize(3);
        assertThat(events.get(2).getType()).isEqualTo("coffee.machine.brew-started");
        assertThat(events.get(2).getId()).isEqualTo(events.get(1).getId());
        assertThat(store.load(new StreamId("coffee-machine", machine)).version()).isEqualTo(2);
    }

    @Test
    void oneCommandMayProduceSeveralEventsInOrder() {
        post("coffee.machine.initialize", machine, "{}").statusCode(204);
        post("coffee.machine.brew", machine, "{\"recipe\":\"mocha\"}").statusCode(204);
        post("coffee.machine.power-off", machine, "{}").statusCode(204);

        List<CloudEvent> events = published().subList(2, 4);
        assertThat(events).extracting(CloudEvent::getType)
                .containsExactly("coffee.machine.brewing-finished", "coffee.machine.powered-off");
        assertThat(events.get(0).getId()).isNotEqualTo(events.get(1).getId());
        assertThat(events.get(0).getExtension("causationid")).isEqualTo(events.get(1).getExtension("causationid"));
    }

    // ---- bad input: 400 with a problem body, nothing stored, nothing published ----------

    private void assertNothingHappened() {
        assertThat(published()).isEmpty();
        assertThat(store.load(new StreamId("coffee-machine", machine)).version()).isZero();
    }

    @Test
    void anUnknownTypeIsABadRequest() {
        post("coffee.machine.fly", machine, "{}").statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:ripple:problem:unknown-type"))
                .body("status", equalTo(400))
                .body("detail", containsString("coffee.machine.fly"));
        assertNothingHappened();
    }

    @Test
    void aMissingSubjectIsABadRequest() {
        given().header("ce-specversion", "1.0").header("ce-id", newId()).header("ce-source", "/tests")
                .header("ce-type", "coffee.machine.initialize").contentType("application/json").body("{}")
                .post("/").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:ripple:problem:missing-subject"));
        assertThat(published()).isEmpty();
    }

    @Test
    void aMissingSourceIsABadRequest() {
        given().header("ce-specversion", "1.0").header("ce-id", newId()).header("ce-subject", machine)
                .header("ce-type", "coffee.machine.initialize").contentType("application/json").body("{}")
                .post("/").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:ripple:problem:missing-attribute"))
                .body("detail", containsString("source"));
        assertNothingHappened();
    }

    @Test
    void dataThatIsNotJsonIsABadRequest() {
        post("coffee.machine.brew", machine, "{\"recipe\":").statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:ripple:problem:undecodable-data"));
        assertNothingHappened();
    }

    @Test
    void dataThatDoesNotFitTheCommandIsABadRequest() {
        post("coffee.machine.finish-brewing", machine, "{\"outcome\":\"maybe\"}").statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:ripple:problem:undecodable-data"))
                .body("detail", containsString("outcome must be 'ok' or 'failed'"));
        assertNothingHappened();
    }

    @Test
    void aStructuredEventThatIsNotJsonIsABadRequest() {
        Commands.structured("{\"specversion\":\"1.0\",").statusCode(400).contentType(PROBLEM);
        assertThat(published()).isEmpty();
    }

    @Test
    void aRequestThatIsNotACloudEventIsABadRequest() {
        given().contentType("application/json").body("{\"recipe\":\"espresso\"}").post("/").then()
                .statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:ripple:problem:not-a-cloudevent"));
        assertThat(published()).isEmpty();
    }

    @Test
    void onlyPostIsAllowed() {
        given().get("/").then().statusCode(405).header("Allow", "POST").contentType(PROBLEM);
    }

    @Test
    void theActorDescribesWhatItConsumesAndEmits() {
        given().get("/q/ripple").then().statusCode(200)
                .body("actor", equalTo("coffee-machine"))
                .body("consumes.size()", equalTo(7))
                .body("emits", org.hamcrest.Matchers.hasItem("coffee.machine.brewing-finished"));
    }

    @Test
    void healthIsExposedForKnativeProbes() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }
}

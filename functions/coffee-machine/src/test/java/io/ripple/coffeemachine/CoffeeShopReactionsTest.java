package io.ripple.coffeemachine;

import io.ripple.testkit.InMemoryBrokerResource;
import io.ripple.testkit.PublishedEvents;

import static io.restassured.RestAssured.given;
import static io.ripple.coffeemachine.Commands.newId;
import static io.ripple.coffeemachine.Commands.post;
import static org.assertj.core.api.Assertions.assertThat;

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
 * The machine's part in the coffee shop over real HTTP CloudEvents: it brews what the
 * barista assigns, names the order in its events, times out a silent brew and is reset by
 * the supervisor.
 */
@QuarkusTest
@QuarkusTestResource(value = InMemoryBrokerResource.class, restrictToAnnotatedClass = true)
class CoffeeShopReactionsTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    private PublishedEvents broker;
    private String machine;

    @BeforeEach
    void freshMachine() {
        broker = PublishedEvents.from(connector);
        machine = "machine-" + UUID.randomUUID();
        post("coffee.machine.initialize", machine, "{}").statusCode(204);
    }

    private List<CloudEvent> published() {
        return broker.all();
    }

    private JsonNode data(CloudEvent event) {
        return PublishedEvents.data(event);
    }

    private void assign(String order) {
        given().header("ce-specversion", "1.0").header("ce-id", newId())
                .header("ce-source", "/actors/barista/shop").header("ce-type", "coffee.barista.order-assigned")
                .header("ce-subject", "shop").header("ce-correlationid", "chain-" + order)
                .header("ce-time", "2026-01-01T08:00:00Z").contentType("application/json")
                .body("{\"order\":\"" + order + "\",\"machine\":\"" + machine + "\",\"recipe\":\"latte\"}")
                .post("/").then().statusCode(204);
    }

    @Test
    void anAssignedOrderIsBrewedOnTheMachineItNamesInTheOrdersChain() throws Exception {
        assign("order-1");

        CloudEvent started = published().get(1);
        assertThat(started.getType()).isEqualTo("coffee.machine.brew-started");
        assertThat(started.getSubject()).isEqualTo(machine);
        assertThat(started.getExtension("partitionkey")).isEqualTo("coffee-machine/" + machine);
        assertThat(started.getExtension("correlationid")).isEqualTo("chain-order-1");
        JsonNode data = data(started);
        assertThat(data.get("order").asText()).isEqualTo("order-1");
        assertThat(data.get("timeoutSeconds").asLong()).isEqualTo(90);
        assertThat(data.size()).as("the timer's methods are not data").isEqualTo(3);

        post("coffee.machine.finish-brewing", machine, "{\"outcome\":\"ok\"}").statusCode(204);
        assertThat(data(published().get(2)).get("order").asText()).isEqualTo("order-1");
    }

    @Test
    void aBrewCommandWithoutOrderStillWorksAsBefore() throws Exception {
        post("coffee.machine.brew", machine, "{\"recipe\":\"espresso\"}").statusCode(204);
        assertThat(data(published().get(1)).get("order").isNull()).isTrue();
    }

    @Test
    void theBrewTimerDeclaresASilentMachineFaultyAndTheSupervisorsResetRevivesIt() throws Exception {
        assign("order-2");
        Commands.binary(newId(), "coffee.machine.check-brewing", machine).header("ce-rippletimer", "brew-timeout")
                .body("{\"order\":\"order-2\"}").post("/").then().statusCode(204);
        post("coffee.machine.brew", machine, "{\"recipe\":\"espresso\"}").statusCode(204);
        given().header("ce-specversion", "1.0").header("ce-id", newId())
                .header("ce-source", "/actors/supervisor/shop")
                .header("ce-type", "coffee.supervisor.machine-reset-requested").header("ce-subject", "shop")
                .contentType("application/json").body("{\"machine\":\"" + machine + "\",\"reason\":\"timed out\"}")
                .post("/").then().statusCode(204);

        assertThat(published()).extracting(CloudEvent::getType).containsExactly(
                "coffee.machine.initialization-completed", "coffee.machine.brew-started",
                "coffee.machine.brewing-timed-out", "coffee.machine.command-rejected",
                "coffee.machine.initialization-completed");
        assertThat(data(published().get(2)).get("order").asText()).isEqualTo("order-2");
    }
}

package io.ripple.coffeemachine;

import static io.ripple.coffeemachine.Commands.newId;
import static io.ripple.coffeemachine.Commands.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ripple.coffeemachine.StubBroker.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The default connector against a real HTTP broker ingress: events are POSTed in binary
 * mode, the command is answered only after the broker's 2xx, and a refused publication
 * answers 5xx so the broker redelivers — which then publishes the very same events.
 */
@QuarkusTest
@QuarkusTestResource(value = StubBrokerResource.class, restrictToAnnotatedClass = true)
class PublishToBrokerTest {

    @AfterEach
    void brokerAcceptsAgain() {
        StubBrokerResource.broker.answer(202);
    }

    private static List<Delivery> deliveriesFor(String machine) {
        return StubBrokerResource.broker.deliveries().stream()
                .filter(d -> machine.equals(d.event().getSubject())).toList();
    }

    /**
     * A first command, answered once its event is accepted. A failure says what reached the stub,
     * to tell a request that never arrived from an answer that never came back (seen once in CI).
     */
    private static void initialize(String machine) {
        int status = post("coffee.machine.initialize", machine, "{}").extract().statusCode();
        assertThat(status).as("initialize answered; the stub got %s (and %d OPTIONS)", deliveriesFor(machine),
                StubBrokerResource.broker.optionsRequests()).isEqualTo(204);
    }

    @Test
    void theClientToTheBrokerIsWarmedUpOnceTheFunctionListens() {
        // An OPTIONS stores nothing at the ingress; it only spares the first command the connect.
        await().atMost(Duration.ofSeconds(10)).until(() -> StubBrokerResource.broker.optionsRequests() >= 1);
    }

    @Test
    void eventsArePostedInBinaryModeAndTheCommandIsAnsweredAfterAcceptance() {
        String machine = "machine-" + UUID.randomUUID();
        initialize(machine);

        List<Delivery> deliveries = deliveriesFor(machine);
        assertThat(deliveries).hasSize(1);
        Delivery delivery = deliveries.get(0);
        assertThat(delivery.headers()).containsEntry("ce-type", "coffee.machine.initialization-completed")
                .containsEntry("ce-partitionkey", "coffee-machine/" + machine)
                .containsEntry("content-type", "application/json");
        assertThat(delivery.event().getSource()).hasToString("/actors/coffee-machine/" + machine);
    }

    @Test
    void aRefusedPublicationFailsTheCommandAndRedeliveryPublishesTheSameEvents() {
        String machine = "machine-" + UUID.randomUUID();
        initialize(machine);
        StubBrokerResource.broker.answer(500);
        String brewId = newId();

        post(brewId, "coffee.machine.brew", machine, "{\"recipe\":\"espresso\"}").statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:ripple:problem:publish-failed"));

        StubBrokerResource.broker.answer(202);
        // Redelivered as a broker does: again after a 503. Publication is at-least-once: clean
        // clones under CI saw a redelivery whose 202 reached the stub but whose acknowledgement
        // did not reach the command within the publish deadline (likely the Vert.x response-body
        // race the connector now avoids, not reproduced since), so that redelivery answered 503
        // and the next one published the same event again.
        await().atMost(Duration.ofSeconds(60)).until(() -> post(brewId, "coffee.machine.brew", machine,
                "{\"recipe\":\"espresso\"}").extract().statusCode(), status -> status == 204);

        List<Delivery> brews = deliveriesFor(machine).stream()
                .filter(d -> d.event().getType().equals("coffee.machine.brew-started")).toList();
        assertThat(brews).extracting(Delivery::status).startsWith(500, 202).containsOnly(500, 202)
                .filteredOn(status -> status == 500).hasSize(1);
        assertThat(brews).extracting(Delivery::event).as("the same event, same id, every time")
                .containsOnly(brews.get(0).event());
    }
}

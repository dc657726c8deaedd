package io.ripple.devbroker;

import static io.ripple.devbroker.support.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.ripple.devbroker.support.BrokerProcess;
import io.ripple.devbroker.support.Events;
import io.ripple.devbroker.support.Subscriber;
import org.junit.jupiter.api.Test;

/** The broker starts from the contract's manifests, and refuses to start on a bad one. */
class ManifestStartupIT {

    @Test
    void contractManifestsRouteCoffeeMachineCommandsToItsService() {
        try (Subscriber coffeeMachine = Subscriber.start();
                BrokerProcess broker = BrokerProcess.with("contract").service("coffee-machine", coffeeMachine.url())
                        .start()) {
            CloudEvent brew = event("coffee.machine.brew").withSubject("m-1")
                    .withExtension("partitionkey", "coffee-machine/m-1").build();
            CloudEvent unrelated = event("coffee.machine.brew-started").build();

            assertThat(Events.post(broker.ingress(), unrelated).statusCode()).isEqualTo(202);
            assertThat(Events.post(broker.ingress(), brew).statusCode()).isEqualTo(202);

            await().until(() -> coffeeMachine.received().stream().anyMatch(r -> r.event().getId().equals(brew.getId())));
            assertThat(coffeeMachine.received()).extracting(r -> r.event().getType())
                    .containsOnly("coffee.machine.brew");
        }
    }

    @Test
    void aKafkaSinkDeadLetterSinkBecomesTheDeadLetterStore() {
        try (Subscriber coffeeMachine = Subscriber.start().respond(r -> Subscriber.Response.status(400));
                BrokerProcess broker = BrokerProcess.with("contract").service("coffee-machine", coffeeMachine.url())
                        .start()) {
            CloudEvent rejected = event("coffee.machine.brew").withSubject("m-2")
                    .withExtension("partitionkey", "coffee-machine/m-2").build();

            assertThat(Events.post(broker.ingress(), rejected).statusCode()).isEqualTo(202);

            JsonNode letters = await().until(() -> broker.getJson("/api/v1/dead-letters").path("items"),
                    items -> items.size() == 1);
            assertThat(letters.get(0).path("eventId").asText()).isEqualTo(rejected.getId());
            assertThat(letters.get(0).path("statusCode").asInt()).isEqualTo(400);
            assertThat(coffeeMachine.received()).as("400 is not retried").hasSize(1);
        }
    }

    @Test
    void aSecondBrokerOnTheSameDataDirectoryRefusesToStart() {
        try (BrokerProcess first = BrokerProcess.with("contract").start()) {
            BrokerProcess.Failed second = BrokerProcess.with("contract").dataDir(first.dataDir())
                    .startExpectingFailure();

            assertThat(second.exitCode()).isNotZero();
            assertThat(second.output()).contains("is in use by another broker", "ripple.broker.data-dir");
            assertThat(first.get("/q/health/ready").statusCode()).as("the first keeps running").isEqualTo(200);
        }
    }

    @Test
    void unknownFieldStopsStartupNamingFileResourceAndField() {
        BrokerProcess.Failed failed = BrokerProcess.with("invalid-typo").startExpectingFailure();

        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.output())
                .contains("trigger-coffee-machine.yaml")
                .contains("Trigger coffee-machine")
                .contains("spec.filters[0].exct");
    }
}

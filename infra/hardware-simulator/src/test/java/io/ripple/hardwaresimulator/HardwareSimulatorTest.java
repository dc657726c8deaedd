package io.ripple.hardwaresimulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.cloudevents.CloudEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The simulator over real HTTP on both sides: brew-started in, finish-brewing out to a real sink. */
@QuarkusTest
@QuarkusTestResource(value = RecordingSinkResource.class, restrictToAnnotatedClass = true)
class HardwareSimulatorTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static RequestSpecification brewStarted(String id, String machine) {
        return given().header("ce-specversion", "1.0").header("ce-id", id)
                .header("ce-source", "/actors/coffee-machine/" + machine).header("ce-type", "coffee.machine.brew-started")
                .header("ce-subject", machine).contentType("application/json")
                .body("{\"recipe\":\"latte\",\"order\":\"o1\"}");
    }

    private static RecordingSink.Delivery awaitFinishOf(String brewId) {
        await().atMost(PATIENCE).until(() -> RecordingSinkResource.sink.deliveriesCausedBy(brewId).stream()
                .anyMatch(d -> d.status() == 202));
        List<RecordingSink.Delivery> deliveries = RecordingSinkResource.sink.deliveriesCausedBy(brewId);
        return deliveries.get(deliveries.size() - 1);
    }

    @Test
    void aStartedBrewIsAnsweredAtOnceAndFinishedLaterThroughTheSink() {
        String brewId = UUID.randomUUID().toString();
        brewStarted(brewId, "m1").header("ce-correlationid", "chain-1")
                .header("ce-traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .post("/").then().statusCode(202);

        RecordingSink.Delivery delivery = awaitFinishOf(brewId);
        CloudEvent finish = delivery.event();
        assertThat(delivery.headers()).containsKey("ce-id").containsEntry("content-type", "application/json");
        assertThat(finish.getType()).isEqualTo("coffee.machine.finish-brewing");
        assertThat(finish.getSubject()).isEqualTo("m1");
        assertThat(finish.getSource()).hasToString("/hardware/coffee-machine/m1");
        assertThat(finish.getExtension("partitionkey")).isEqualTo("coffee-machine/m1");
        assertThat(finish.getExtension("correlationid")).isEqualTo("chain-1");
        assertThat(finish.getExtension("causationid")).isEqualTo(brewId);
        assertThat(finish.getExtension("traceparent"))
                .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        HardwareOutcomes.Outcome expected = new HardwareOutcomes(0.5, 7).outcomeOf(brewId);
        String data = new String(finish.getData().toBytes(), StandardCharsets.UTF_8);
        // the report names the order of the brew it answers
        assertThat(data).isEqualTo(expected.ok() ? "{\"outcome\":\"ok\",\"order\":\"o1\"}"
                : "{\"outcome\":\"failed\",\"reason\":\"" + expected.reason() + "\",\"order\":\"o1\"}");
    }

    @Test
    void aRedeliveredBrewStartedGetsTheSameFinishSoTheMachineSkipsIt() {
        String brewId = UUID.randomUUID().toString();
        brewStarted(brewId, "m1").post("/").then().statusCode(202);
        brewStarted(brewId, "m1").post("/").then().statusCode(202);
        await().atMost(PATIENCE).until(() -> RecordingSinkResource.sink.deliveriesCausedBy(brewId).size() == 2);
        List<RecordingSink.Delivery> both = RecordingSinkResource.sink.deliveriesCausedBy(brewId);
        assertThat(both.get(1).event().getId()).isEqualTo(both.get(0).event().getId());
        assertThat(both.get(1).event().getData().toBytes()).isEqualTo(both.get(0).event().getData().toBytes());
    }

    @Test
    void aFinishTheSinkRefusesIsSentAgainUntilAccepted() {
        String brewId = UUID.randomUUID().toString();
        RecordingSinkResource.sink.refuseNext(2);
        brewStarted(brewId, "m2").post("/").then().statusCode(202);

        awaitFinishOf(brewId);
        List<RecordingSink.Delivery> attempts = RecordingSinkResource.sink.deliveriesCausedBy(brewId);
        assertThat(attempts).extracting(RecordingSink.Delivery::status).containsExactly(503, 503, 202);
        assertThat(attempts).extracting(d -> d.event().getId()).containsOnly(attempts.get(0).event().getId());
    }

    @Test
    void aSilentMachineNeverHearsFromItsHardware() {
        long silentBefore = given().get("/simulator").then().extract().jsonPath().getLong("silentMachineBrews");
        String brewId = UUID.randomUUID().toString();
        brewStarted(brewId, "m-silent").post("/").then().statusCode(202);

        given().get("/simulator").then().statusCode(200).body("silentMachineBrews",
                equalTo((int) silentBefore + 1));
        assertThat(RecordingSinkResource.sink.deliveriesCausedBy(brewId)).isEmpty();
    }

    @Test
    void structuredModeIsAccepted() {
        String brewId = UUID.randomUUID().toString();
        given().contentType("application/cloudevents+json").body("""
                {"specversion":"1.0","id":"%s","source":"/actors/coffee-machine/m3","type":"coffee.machine.brew-started",
                 "subject":"m3","datacontenttype":"application/json","data":{"recipe":"latte","order":null}}
                """.formatted(brewId)).post("/").then().statusCode(202);
        assertThat(awaitFinishOf(brewId).event().getSubject()).isEqualTo("m3");
    }

    // ---- bad input: 400 with a problem body ------------------------------------------

    @Test
    void anotherEventTypeIsABadRequest() {
        given().header("ce-specversion", "1.0").header("ce-id", "x").header("ce-source", "/tests")
                .header("ce-type", "coffee.machine.brewing-finished").header("ce-subject", "m1")
                .contentType("application/json").body("{}").post("/").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:ripple:problem:unknown-type"))
                .body("status", equalTo(400));
    }

    @Test
    void aBrewStartedWithoutMachineIsABadRequest() {
        given().header("ce-specversion", "1.0").header("ce-id", "x").header("ce-source", "/tests")
                .header("ce-type", "coffee.machine.brew-started").contentType("application/json").body("{}")
                .post("/").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:ripple:problem:missing-subject"));
    }

    @Test
    void aRequestThatIsNotACloudEventIsABadRequest() {
        given().contentType("application/json").body("{}").post("/").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:ripple:problem:not-a-cloudevent"));
    }

    @Test
    void anUndecodableCloudEventIsABadRequest() {
        given().header("ce-id", "x").header("ce-specversion", "9.9").contentType("application/json").body("{}")
                .post("/").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:ripple:problem:undecodable-event"));
    }

    @Test
    void readyWhenASinkIsConfigured() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }
}

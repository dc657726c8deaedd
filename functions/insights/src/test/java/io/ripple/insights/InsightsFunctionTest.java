package io.ripple.insights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The insights function over real HTTP CloudEvents, with a real SQLite file behind it. */
@QuarkusTest
@QuarkusTestResource(value = TemporaryStoreResource.class, restrictToAnnotatedClass = true)
class InsightsFunctionTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    FactStore store;

    private static ValidatableResponse deliver(String id, String type, String actor, String subject, String time,
            String data) {
        return given().header("ce-specversion", "1.0").header("ce-id", id)
                .header("ce-source", "/actors/" + actor + "/" + subject).header("ce-type", type)
                .header("ce-subject", subject).header("ce-time", time).contentType("application/json").body(data)
                .post("/").then();
    }

    private static JsonPath insights() {
        return given().get("/insights").then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    @Test
    void aMachinesBrewsShowInItsStatistics() {
        String machine = "m-" + UUID.randomUUID();
        deliver(UUID.randomUUID().toString(), "coffee.machine.brew-started", "coffee-machine", machine,
                "2026-01-01T08:00:00Z", "{\"recipe\":\"latte\",\"order\":null}").statusCode(204);
        deliver(UUID.randomUUID().toString(), "coffee.machine.brewing-finished", "coffee-machine", machine,
                "2026-01-01T08:00:04Z", "{\"recipe\":\"latte\",\"outcome\":\"ok\",\"reason\":null,\"order\":null}")
                .statusCode(204);
        deliver(UUID.randomUUID().toString(), "coffee.machine.brew-started", "coffee-machine", machine,
                "2026-01-01T08:01:00Z", "{\"recipe\":\"latte\",\"order\":null}").statusCode(204);
        given().contentType("application/cloudevents+json").body("""
                {"specversion":"1.0","id":"%s","source":"/actors/coffee-machine/%s","type":"coffee.machine.brewing-finished",
                 "subject":"%s","time":"2026-01-01T08:01:06Z","datacontenttype":"application/json",
                 "data":{"recipe":"latte","outcome":"failed","reason":"no beans","order":null}}
                """.formatted(UUID.randomUUID(), machine, machine)).post("/").then().statusCode(204);

        JsonPath stats = insights();
        String at = "machines.'" + machine + "'.";
        assertThat(stats.getInt(at + "brews")).isEqualTo(2);
        assertThat(stats.getInt(at + "succeeded")).isEqualTo(1);
        assertThat(stats.getInt(at + "failed")).isEqualTo(1);
        assertThat(stats.getDouble(at + "failureRate")).isEqualTo(0.5);
        assertThat(stats.getDouble(at + "brewTime.p50Seconds")).isEqualTo(4.0);
        assertThat(stats.getDouble(at + "brewTime.maxSeconds")).isEqualTo(6.0);
        assertThat(stats.getInt(at + "failureReasons.'no beans'")).isEqualTo(1);
    }

    @Test
    void aRedeliveredEventIsCountedOnce() {
        String machine = "m-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        for (int delivery = 0; delivery < 3; delivery++) {
            deliver(id, "coffee.machine.brew-started", "coffee-machine", machine, "2026-01-01T08:00:00Z",
                    "{\"recipe\":\"latte\",\"order\":null}").statusCode(204);
        }
        assertThat(insights().getInt("machines.'" + machine + "'.brews")).isEqualTo(1);
    }

    @Test
    void eventsTheInsightsDoNotCountAreAcknowledgedAndIgnored() {
        int before = store.all().size();
        deliver(UUID.randomUUID().toString(), "coffee.order.refund-requested", "order", "o1",
                "2026-01-01T08:00:00Z", "{\"customer\":\"ada\"}").statusCode(204);
        assertThat(store.all()).hasSize(before);
    }

    @Test
    void statisticsSurviveInTheStoreFile() {
        String order = "o-" + UUID.randomUUID();
        deliver(UUID.randomUUID().toString(), "coffee.order.accepted", "order", order, "2026-01-01T09:00:00Z",
                "{\"recipe\":\"latte\",\"customer\":\"ada\"}").statusCode(204);
        try (FactStore reopened = new FactStore(store.file())) {
            assertThat(reopened.all()).extracting(Fact::order).contains(order);
        }
    }

    // ---- bad input: 400 with a problem body ------------------------------------------

    @Test
    void anEventWithoutSourceIsABadRequest() {
        given().header("ce-specversion", "1.0").header("ce-id", "x").header("ce-type", "coffee.order.accepted")
                .contentType("application/json").body("{}").post("/").then().statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400));
    }

    @Test
    void aTimeThatIsNotATimestampIsABadRequest() {
        deliver("x", "coffee.order.accepted", "order", "o1", "yesterday", "{}").statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aRequestThatIsNotACloudEventIsABadRequest() {
        given().contentType("application/json").body("{}").post("/").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:ripple:problem:not-a-cloudevent"))
                .body("detail", containsString("binary mode"));
    }

    @Test
    void dataThatIsNotJsonIsABadRequest() {
        deliver("x", "coffee.order.accepted", "order", "o1", "2026-01-01T08:00:00Z", "{\"recipe\":")
                .statusCode(400).contentType(PROBLEM);
    }

    @Test
    void healthIsExposedForKnativeProbes() {
        given().get("/q/health/ready").then().statusCode(200).body("checks[0].name", equalTo("insights-store"));
        given().get("/q/health/live").then().statusCode(200);
    }
}

package io.ripple.runtime.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.ripple.runtime.internal.EventStoreProducer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An actor application (the oven) on a real database chosen at run time: commands are
 * stored, their history is served at {@code /q/ripple/streams/{id}}, timers are stored
 * with their events and a cancelled timer's command is dropped.
 */
abstract class DurableActorAppContract {

    @Inject
    EventStoreProducer stores;

    abstract String expectedDatabase();

    private static RequestSpecification command(String id, String type, String oven, String data) {
        return given().header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", "/tests")
                .header("ce-type", type).header("ce-subject", oven).contentType("application/json").body(data);
    }

    private static String bake(String oven, long seconds) {
        String id = UUID.randomUUID().toString();
        command(id, "test.oven.bake", oven, "{\"dish\":\"bread\",\"seconds\":" + seconds + "}").post("/").then()
                .statusCode(204);
        return id;
    }

    private static Response history(String oven) {
        return given().get("/q/ripple/streams/" + oven);
    }

    @Test
    void theApplicationRunsOnTheDatabaseItsConfigurationNames() {
        assertThat(stores.database()).hasValueSatisfying(
                database -> assertThat(database.description()).startsWith(expectedDatabase()));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("ripple-event-store"));
    }

    @Test
    void commandsAreStoredAndTheirHistoryIsServed() {
        String oven = "oven-" + UUID.randomUUID();
        bake(oven, 600);
        command(UUID.randomUUID().toString(), "test.oven.stop-baking", oven, "{\"reason\":\"done\"}").post("/")
                .then().statusCode(204);

        history(oven).then().statusCode(200).contentType("application/json")
                .header("Ripple-Stream-Version", "2")
                .body("type", equalTo(List.of("test.oven.baking-started", "test.oven.baking-stopped")))
                .body("[0].subject", equalTo(oven))
                .body("[0].partitionkey", equalTo("oven/" + oven))
                .body("[0].data.dish", equalTo("bread"));
        given().get("/q/ripple/streams/" + oven + "?after=1").then().statusCode(200)
                .body("type", equalTo(List.of("test.oven.baking-stopped")));
    }

    @Test
    void theHistoryOfAnUnknownActorIsA404Problem() {
        given().get("/q/ripple/streams/never-seen").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:ripple:problem:unknown-actor"))
                .body("status", equalTo(404));
    }

    @Test
    void aHistoryAfterAnInvalidVersionIsA400Problem() {
        given().get("/q/ripple/streams/x?after=yesterday").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:ripple:problem:invalid-parameter"));
    }

    @Test
    void aTimerIsStoredWithItsEventAndACancelledTimersCommandIsDropped() {
        String oven = "oven-" + UUID.randomUUID();
        Instant before = Instant.now();
        String bakeId = bake(oven, 90);
        TimerQueue timers = stores.database().orElseThrow().timerQueue();

        List<DueTimer> due = timers.claimDue(before.plusSeconds(3600), Duration.ofMinutes(5), 100).stream()
                .filter(timer -> timer.owner().actorId().equals(oven)).toList();

        assertThat(due).hasSize(1);
        DueTimer timer = due.get(0);
        assertThat(timer.timerName()).isEqualTo("bake-timeout");
        assertThat(timer.dueAt()).isBetween(before.plusSeconds(89), Instant.now().plusSeconds(91));
        assertThat(timer.command().getType()).isEqualTo("test.oven.stop-baking");
        assertThat(timer.command().getSubject()).isEqualTo(oven);
        assertThat(timer.command().getExtension("partitionkey")).isEqualTo("oven/" + oven);
        assertThat(timer.command().getExtension("correlationid")).isEqualTo(bakeId);
        assertThat(timer.command().getExtension(TimerChange.TIMER_EXTENSION)).isEqualTo("bake-timeout");
        timers.markFired(timer, Instant.now());

        command(UUID.randomUUID().toString(), "test.oven.stop-baking", oven, "{\"reason\":\"done\"}").post("/")
                .then().statusCode(204);
        // The fired timer's command arrives after the oven was stopped: it must change nothing.
        command(timer.timerId(), "test.oven.stop-baking", oven, "{\"reason\":\"burnt\"}")
                .header("ce-rippletimer", "bake-timeout").post("/").then().statusCode(204);

        history(oven).then().statusCode(200).header("Ripple-Stream-Version", "2")
                .body("type", equalTo(List.of("test.oven.baking-started", "test.oven.baking-stopped")))
                .body("[1].data.reason", equalTo("done"));
    }
}

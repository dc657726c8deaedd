package io.ripple.timerservice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.ripple.runtime.store.JdbcStore;
import io.ripple.runtime.store.StreamId;
import io.ripple.runtime.store.TimerChange;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the timer service must do, on any store, against a real HTTP broker ingress. */
abstract class TimerServiceContract {


    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static boolean fired(String timerId) throws Exception {
        try (Connection connection = TimerFixture.connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT fired_at FROM ripple_timers WHERE timer_id = ?")) {
            select.setString(1, timerId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                row.getLong(1);
                return !row.wasNull();
            }
        }
    }

    @Test
    void aTimerStoredWhileEveryFunctionWasDownIsSentAsABinaryCloudEvent() throws Exception {
        await().atMost(PATIENCE).until(() -> !TimerFixture.sink.deliveriesOf(TimerFixture.DUE).isEmpty());

        SinkRecorder.Received delivery = TimerFixture.sink.deliveriesOf(TimerFixture.DUE).get(0);
        assertThat(delivery.headers()).containsEntry("ce-specversion", "1.0")
                .containsEntry("ce-type", "test.oven.stop-baking")
                .containsEntry("ce-subject", "o-1")
                .containsEntry("ce-source", "/actors/oven/o-1")
                .containsEntry("ce-partitionkey", "oven/o-1")
                .containsEntry("ce-rippletimer", "bake-timeout")
                .containsEntry("content-type", "application/json");
        assertThat(new String(delivery.body(), StandardCharsets.UTF_8)).isEqualTo("{\"reason\":\"burnt\"}");
        await().atMost(PATIENCE).until(() -> fired(TimerFixture.DUE));
    }

    @Test
    void aCancelledTimerIsNeverSent() throws Exception {
        await().atMost(PATIENCE).until(() -> fired(TimerFixture.DUE));

        // It was due before the one that was sent, so a poll has passed its time.
        assertThat(TimerFixture.sink.deliveriesOf(TimerFixture.CANCELLED)).isEmpty();
        assertThat(fired(TimerFixture.CANCELLED)).isFalse();
    }

    @Test
    void aRefusedSendIsRetriedUntilTheBrokerAcceptsIt() throws Exception {
        await().atMost(PATIENCE).until(() -> fired(TimerFixture.REFUSED_ONCE));

        assertThat(TimerFixture.sink.deliveriesOf(TimerFixture.REFUSED_ONCE)).extracting(SinkRecorder.Received::status)
                .containsExactly(503, 202);
    }

    @Test
    void aTimerScheduledWhileTheServiceRunsIsSentWhenDueAndNotBefore() throws Exception {
        StreamId oven = new StreamId("oven", "o-4");
        Instant due = Instant.now().plusSeconds(2);
        try (JdbcStore function = JdbcStore.open(TimerFixture.store())) {
            function.eventStore().append(oven, 0, "bake-4", List.of(), List.of(
                    new TimerChange.Schedule("bake-timeout", due, TimerFixture.command("timer-later", oven, due))));
        }

        await().atMost(PATIENCE).until(() -> fired("timer-later"));

        List<SinkRecorder.Received> deliveries = TimerFixture.sink.deliveriesOf("timer-later");
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.get(0).at()).isAfterOrEqualTo(due);
    }

    @Test
    void theServiceIsReadyWhenItsStoresAnswer() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}

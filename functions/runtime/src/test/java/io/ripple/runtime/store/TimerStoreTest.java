package io.ripple.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Timers stored with the events that asked for them, claimed and marked by the timer service. */
class TimerStoreTest {

    @Nested
    class OnSqlite extends Contract {
        OnSqlite() {
            super(Backend.SQLITE);
        }
    }

    @Nested
    class OnPostgresql extends Contract {
        OnPostgresql() {
            super(Backend.POSTGRESQL);
        }
    }

    abstract static class Contract extends StorePerTest {

        private static final Instant T0 = Instant.parse("2025-05-05T12:00:00Z");
        private static final Duration LEASE = Duration.ofSeconds(30);

        private final StreamId machine = Tally.stream("m-1");

        Contract(Backend backend) {
            super(backend);
        }

        /** The command a brew timeout sends back to the machine, as the runtime builds it. */
        private static CloudEvent timeoutCommand(String id, StreamId target) {
            return CloudEventBuilder.v1()
                    .withId(id)
                    .withSource(URI.create("/actors/" + target.actorType() + "/" + target.actorId()))
                    .withType("test.tally.finish")
                    .withSubject(target.actorId())
                    .withTime(OffsetDateTime.ofInstant(T0.plusSeconds(90), ZoneOffset.UTC))
                    .withDataContentType("application/json")
                    .withData("{\"outcome\":\"failed\",\"reason\":\"timeout\"}".getBytes(StandardCharsets.UTF_8))
                    .withExtension("partitionkey", target.partitionKey())
                    .withExtension(TimerChange.TIMER_EXTENSION, "brew-timeout")
                    .build();
        }

        private CloudEvent event(String commandId) {
            return Tally.encode(machine, commandId, 0, new Tally.Added(1, "t", T0));
        }

        private void schedule(long expectedVersion, String commandId, String timerId, Instant dueAt) {
            jdbc.eventStore().append(machine, expectedVersion, commandId, List.of(event(commandId)),
                    List.of(new TimerChange.Schedule("brew-timeout", dueAt, timeoutCommand(timerId, machine))));
        }

        @Test
        void aTimerIsDueOnlyOnceItsTimeHasCome() {
            schedule(0, "brew-1", "timer-1", T0.plusSeconds(90));
            TimerQueue timers = jdbc.timerQueue();

            assertThat(timers.claimDue(T0.plusSeconds(89), LEASE, 10)).isEmpty();
            List<DueTimer> due = timers.claimDue(T0.plusSeconds(90), LEASE, 10);

            assertThat(due).hasSize(1);
            DueTimer timer = due.get(0);
            assertThat(timer.owner()).isEqualTo(machine);
            assertThat(timer.timerId()).isEqualTo("timer-1");
            assertThat(timer.timerName()).isEqualTo("brew-timeout");
            assertThat(timer.dueAt()).isEqualTo(T0.plusSeconds(90));
            assertThat(timer.attempts()).isEqualTo(1);
            assertThat(timer.command()).isEqualTo(timeoutCommand("timer-1", machine));
        }

        @Test
        void timersSurviveARestartOfEveryProcess() {
            schedule(0, "brew-1", "timer-1", T0.plusSeconds(90));
            jdbc.close();

            jdbc = database.open();

            assertThat(jdbc.timerQueue().claimDue(T0.plusSeconds(100), LEASE, 10))
                    .extracting(DueTimer::timerId).containsExactly("timer-1");
        }

        @Test
        void aLaterDecisionCancelsATimer() {
            schedule(0, "brew-1", "timer-1", T0.plusSeconds(90));

            jdbc.eventStore().append(machine, 1, "finish-1", List.of(event("finish-1")),
                    List.of(new TimerChange.Cancel("brew-timeout")));

            assertThat(jdbc.timerQueue().claimDue(T0.plusSeconds(1000), LEASE, 10)).isEmpty();
            assertThat(jdbc.eventStore().isTimerCancelled(machine, "timer-1")).isTrue();
        }

        @Test
        void cancellingAfterTheTimerFiredStillStopsItsCommandAtTheActor() {
            schedule(0, "brew-1", "timer-1", T0.plusSeconds(90));
            DueTimer fired = jdbc.timerQueue().claimDue(T0.plusSeconds(90), LEASE, 10).get(0);
            jdbc.timerQueue().markFired(fired, T0.plusSeconds(91));
            assertThat(jdbc.eventStore().isTimerCancelled(machine, "timer-1")).isFalse();

            jdbc.eventStore().append(machine, 1, "finish-1", List.of(event("finish-1")),
                    List.of(new TimerChange.Cancel("brew-timeout")));

            assertThat(jdbc.eventStore().isTimerCancelled(machine, "timer-1"))
                    .as("its command may still be in flight; the actor must drop it").isTrue();
        }

        @Test
        void schedulingTheSameNameAgainReplacesTheEarlierTimer() {
            schedule(0, "brew-1", "timer-1", T0.plusSeconds(90));
            schedule(1, "brew-2", "timer-2", T0.plusSeconds(200));

            assertThat(jdbc.timerQueue().claimDue(T0.plusSeconds(1000), LEASE, 10))
                    .extracting(DueTimer::timerId).containsExactly("timer-2");
            assertThat(jdbc.eventStore().isTimerCancelled(machine, "timer-1")).isTrue();
            assertThat(jdbc.eventStore().isTimerCancelled(machine, "timer-2")).isFalse();
        }

        @Test
        void cancellingTouchesOnlyTheTimersOfThatActor() {
            StreamId other = Tally.stream("m-2");
            schedule(0, "brew-1", "timer-1", T0.plusSeconds(90));
            jdbc.eventStore().append(other, 0, "brew-1", List.of(), List.of(
                    new TimerChange.Schedule("brew-timeout", T0.plusSeconds(95), timeoutCommand("timer-9", other))));

            jdbc.eventStore().append(machine, 1, "finish-1", List.of(), List.of(new TimerChange.Cancel("brew-timeout")));

            assertThat(jdbc.timerQueue().claimDue(T0.plusSeconds(1000), LEASE, 10))
                    .extracting(DueTimer::timerId).containsExactly("timer-9");
        }

        @Test
        void aClaimedTimerIsNotHandedOutAgainUntilItsLeaseEnds() {
            schedule(0, "brew-1", "timer-1", T0.plusSeconds(90));
            TimerQueue timers = jdbc.timerQueue();
            try (JdbcStore secondService = database.open()) {
                assertThat(timers.claimDue(T0.plusSeconds(90), LEASE, 10)).hasSize(1);

                assertThat(secondService.timerQueue().claimDue(T0.plusSeconds(91), LEASE, 10)).isEmpty();
                List<DueTimer> again = secondService.timerQueue().claimDue(T0.plusSeconds(120), LEASE, 10);

                assertThat(again).extracting(DueTimer::attempts).containsExactly(2);
            }
        }

        @Test
        void aFiredTimerIsNeverDueAgain() {
            schedule(0, "brew-1", "timer-1", T0.plusSeconds(90));
            DueTimer timer = jdbc.timerQueue().claimDue(T0.plusSeconds(90), LEASE, 10).get(0);

            jdbc.timerQueue().markFired(timer, T0.plusSeconds(90));

            assertThat(jdbc.timerQueue().claimDue(T0.plusSeconds(10_000), LEASE, 10)).isEmpty();
        }

        @Test
        void aFailedSendIsRetriedAtTheGivenTime() {
            schedule(0, "brew-1", "timer-1", T0.plusSeconds(90));
            DueTimer timer = jdbc.timerQueue().claimDue(T0.plusSeconds(90), LEASE, 10).get(0);

            jdbc.timerQueue().markFailed(timer, T0.plusSeconds(95), "broker answered 503");

            assertThat(jdbc.timerQueue().claimDue(T0.plusSeconds(94), LEASE, 10)).isEmpty();
            assertThat(jdbc.timerQueue().claimDue(T0.plusSeconds(95), LEASE, 10))
                    .extracting(DueTimer::attempts).containsExactly(2);
        }

        @Test
        void dueTimersComeOldestFirstUpToTheLimit() {
            StreamId[] machines = {Tally.stream("a"), Tally.stream("b"), Tally.stream("c")};
            int[] delays = {30, 10, 20};
            for (int i = 0; i < machines.length; i++) {
                jdbc.eventStore().append(machines[i], 0, "brew", List.of(), List.of(new TimerChange.Schedule(
                        "t", T0.plusSeconds(delays[i]), timeoutCommand("timer-" + i, machines[i]))));
            }

            assertThat(jdbc.timerQueue().claimDue(T0.plusSeconds(60), LEASE, 2))
                    .extracting(DueTimer::timerId).containsExactly("timer-1", "timer-2");
        }

        @Test
        void timersOfALostRaceAreNotStored() {
            schedule(0, "brew-1", "timer-1", T0.plusSeconds(90));

            assertThatThrownBy(() -> jdbc.eventStore().append(machine, 0, "brew-2", List.of(event("brew-2")),
                    List.of(new TimerChange.Schedule("other", T0.plusSeconds(5), timeoutCommand("timer-2", machine)))))
                    .isInstanceOf(VersionConflictException.class);

            assertThat(jdbc.timerQueue().claimDue(T0.plusSeconds(1000), LEASE, 10))
                    .extracting(DueTimer::timerId).containsExactly("timer-1");
        }

        @Test
        void finishedTimersArePurged() {
            schedule(0, "brew-1", "timer-1", T0.plusSeconds(90));
            DueTimer timer = jdbc.timerQueue().claimDue(T0.plusSeconds(90), LEASE, 10).get(0);
            jdbc.timerQueue().markFired(timer, T0.plusSeconds(90));
            jdbc.eventStore().append(machine, 1, "brew-2", List.of(),
                    List.of(new TimerChange.Schedule("later", T0.plusSeconds(500), timeoutCommand("timer-2", machine))));

            assertThat(jdbc.timerQueue().purgeFinished(T0.plusSeconds(100))).isEqualTo(1);
            assertThat(jdbc.timerQueue().claimDue(T0.plusSeconds(600), LEASE, 10))
                    .extracting(DueTimer::timerId).containsExactly("timer-2");
        }
    }
}

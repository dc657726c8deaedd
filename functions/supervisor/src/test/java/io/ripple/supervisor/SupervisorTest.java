package io.ripple.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.runtime.ActorDefinition;
import io.ripple.runtime.EventMetadata;
import io.ripple.runtime.Routed;
import io.ripple.supervisor.Supervisor.AlertRaised;
import io.ripple.supervisor.Supervisor.BrewingFinished;
import io.ripple.supervisor.Supervisor.BrewingTimedOut;
import io.ripple.supervisor.Supervisor.Command;
import io.ripple.supervisor.Supervisor.Counter;
import io.ripple.supervisor.Supervisor.Event;
import io.ripple.supervisor.Supervisor.MachineCommandRejected;
import io.ripple.supervisor.Supervisor.MachineInitialized;
import io.ripple.supervisor.Supervisor.MachinePutBack;
import io.ripple.supervisor.Supervisor.MachineResetRequested;
import io.ripple.supervisor.Supervisor.MachineTakenOut;
import io.ripple.supervisor.Supervisor.Observe;
import io.ripple.supervisor.Supervisor.OrderFailed;
import io.ripple.supervisor.Supervisor.OrderGivenUp;
import io.ripple.supervisor.Supervisor.OrderRetryRequested;
import io.ripple.supervisor.Supervisor.PolicyApplied;
import io.ripple.supervisor.Supervisor.ReportDeadLetter;
import io.ripple.supervisor.Supervisor.State;
import io.ripple.testkit.DeciderFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SupervisorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");
    private static final String FINISHED = "coffee.machine.brewing-finished";
    private static final String TIMED_OUT = "coffee.machine.brewing-timed-out";

    private static final Policy RETRY = new Policy("retry", List.of(
            new Policy.Match(FINISHED, Map.of("outcome", "failed")), new Policy.Match(TIMED_OUT, Map.of())),
            "order", new Policy.Limit(2, Duration.ofMinutes(10)), List.of(Supervisor.ORDER_RETRY),
            List.of(Supervisor.ORDER_GIVEN_UP, Supervisor.ALERT));
    private static final Policy RESET = new Policy("reset", List.of(new Policy.Match(TIMED_OUT, Map.of())),
            "machine", new Policy.Limit(1, Duration.ofMinutes(30)), List.of(Supervisor.MACHINE_RESET),
            List.of(Supervisor.MACHINE_TAKEN_OUT));
    private static final Policy PUT_BACK = new Policy("put-back", List.of(
            new Policy.Match(Supervisor.MACHINE_INITIALIZED, Map.of())), "machine", null,
            List.of(Supervisor.MACHINE_PUT_BACK), List.of());

    private final DeciderFixture<Command, Event, State> supervisor = DeciderFixture.of(
            new Supervisor(List.of(RETRY, RESET, PUT_BACK)));

    private static Observe failedBrew(String order, Instant at) {
        return new Observe(FINISHED, "m1", at, Map.of("subject", "m1", "machine", "m1", "order", order, "recipe",
                "latte", "outcome", "failed", "reason", "no water"));
    }

    private static PolicyApplied retried(String order, Instant at, int occurrence) {
        return new PolicyApplied("retry", order, FINISHED, "m1", at, "PT10M", false, occurrence);
    }

    // ---- actions under the limit, escalation beyond it -----------------------------------

    @Test
    void aFailedBrewOfAnOrderIsRetriedAvoidingItsMachine() {
        supervisor.givenNothing()
                .when(failedBrew("o1", T0))
                .then(retried("o1", T0, 1), new OrderRetryRequested("o1", "latte", "m1", 1, "retry", "no water"))
                .thenState(new State(Map.of("retry/o1", new Counter("PT10M", List.of(T0)))));
    }

    @Test
    void theSecondFailureWithinTheWindowIsStillRetried() {
        supervisor.given(retried("o1", T0, 1))
                .when(failedBrew("o1", T0.plusSeconds(60)))
                .then(retried("o1", T0.plusSeconds(60), 2),
                        new OrderRetryRequested("o1", "latte", "m1", 2, "retry", "no water"));
    }

    @Test
    void beyondTheLimitWithinTheWindowThePolicyEscalates() {
        Instant third = T0.plusSeconds(120);
        supervisor.given(retried("o1", T0, 1), retried("o1", T0.plusSeconds(60), 2))
                .when(failedBrew("o1", third))
                .then(new PolicyApplied("retry", "o1", FINISHED, "m1", third, "PT10M", true, 3),
                        new OrderGivenUp("o1", "limit of 2 per PT10M reached (last: no water)", "retry"),
                        new AlertRaised("retry", FINISHED, "m1", "o1", "limit of 2 per PT10M reached (last: no water)",
                                3))
                .thenState(new State(Map.of("retry/o1", new Counter("PT10M", List.of(T0, T0.plusSeconds(60))))));
    }

    @Test
    void matchesOutsideTheWindowNoLongerCount() {
        Instant later = T0.plus(Duration.ofMinutes(11));
        supervisor.given(retried("o1", T0, 1), retried("o1", T0.plusSeconds(60), 2))
                .when(failedBrew("o1", later))
                .then(retried("o1", later, 2), new OrderRetryRequested("o1", "latte", "m1", 2, "retry", "no water"));
    }

    @Test
    void eachKeyHasItsOwnCounter() {
        supervisor.given(retried("o1", T0, 1), retried("o1", T0, 2))
                .when(failedBrew("o2", T0))
                .then(retried("o2", T0, 1), new OrderRetryRequested("o2", "latte", "m1", 1, "retry", "no water"));
    }

    @Test
    void countersOutOfTheirWindowAreForgottenSoStateStaysSmall() {
        Instant muchLater = T0.plus(Duration.ofHours(1));
        supervisor.given(retried("o1", T0, 1))
                .when(failedBrew("o2", muchLater))
                .thenState(new State(Map.of("retry/o2", new Counter("PT10M", List.of(muchLater)))));
    }

    @Test
    void aLimitOfZeroEscalatesAtOnce() {
        Policy strict = new Policy("strict", List.of(new Policy.Match(FINISHED, Map.of("outcome", "failed"))),
                "order", new Policy.Limit(0, Duration.ofHours(1)), List.of(), List.of(Supervisor.ORDER_GIVEN_UP));
        DeciderFixture.of(new Supervisor(List.of(strict))).givenNothing()
                .when(failedBrew("o1", T0))
                .then(new PolicyApplied("strict", "o1", FINISHED, "m1", T0, "PT1H", true, 1),
                        new OrderGivenUp("o1", "limit of 0 per PT1H reached (last: no water)", "strict"));
    }

    @Test
    void aPolicyWithoutLimitActsEveryTimeAndCountsNothing() {
        Observe initialized = new Observe(Supervisor.MACHINE_INITIALIZED, "m1", T0,
                Map.of("subject", "m1", "machine", "m1"));
        supervisor.given(new PolicyApplied("put-back", "m1", Supervisor.MACHINE_INITIALIZED, "m1", T0, null, false, 1))
                .when(initialized)
                .then(new PolicyApplied("put-back", "m1", Supervisor.MACHINE_INITIALIZED, "m1", T0, null, false, 1),
                        new MachinePutBack("m1", Supervisor.MACHINE_INITIALIZED, "put-back"))
                .thenState(new State(Map.of()));
    }

    @Test
    void everyPolicyThatMatchesAppliesInFileOrder() {
        Observe timedOut = new Observe(TIMED_OUT, "m1", T0, Map.of("subject", "m1", "machine", "m1", "order", "o1",
                "recipe", "latte", "reason", "silent"));
        supervisor.givenNothing()
                .when(timedOut)
                .then(new PolicyApplied("retry", "o1", TIMED_OUT, "m1", T0, "PT10M", false, 1),
                        new OrderRetryRequested("o1", "latte", "m1", 1, "retry", "silent"),
                        new PolicyApplied("reset", "m1", TIMED_OUT, "m1", T0, "PT30M", false, 1),
                        new MachineResetRequested("m1", "silent", "reset"));
        supervisor.given(new PolicyApplied("reset", "m1", TIMED_OUT, "m1", T0, "PT30M", false, 1))
                .when(timedOut)
                .then(new PolicyApplied("retry", "o1", TIMED_OUT, "m1", T0, "PT10M", false, 1),
                        new OrderRetryRequested("o1", "latte", "m1", 1, "retry", "silent"),
                        new PolicyApplied("reset", "m1", TIMED_OUT, "m1", T0, "PT30M", true, 2),
                        new MachineTakenOut("m1", "limit of 1 per PT30M reached (last: silent)", "reset"));
    }

    @Test
    void anEventThatMeetsNoConditionChangesNothing() {
        supervisor.givenNothing()
                .when(new Observe(FINISHED, "m1", T0, Map.of("machine", "m1", "order", "o1", "recipe", "latte",
                        "outcome", "ok")))
                .thenNothing();
    }

    @Test
    void aPolicyNeedingAFactTheEventLacksDoesNotApply() {
        supervisor.givenNothing()
                .when(new Observe(FINISHED, "m1", T0, Map.of("machine", "m1", "recipe", "latte", "outcome",
                        "failed")))
                .thenNothing();
    }

    @Test
    void eventsWithoutTimeNeverExpire() {
        supervisor.given(retried("o1", null, 1), retried("o1", null, 2))
                .when(failedBrew("o1", null))
                .then(new PolicyApplied("retry", "o1", FINISHED, "m1", null, "PT10M", true, 3),
                        new OrderGivenUp("o1", "limit of 2 per PT10M reached (last: no water)", "retry"),
                        new AlertRaised("retry", FINISHED, "m1", "o1", "limit of 2 per PT10M reached (last: no water)",
                                3));
    }

    @Test
    void aReportedDeadLetterIsObservedLikeAnEvent() {
        Policy alert = new Policy("dead", List.of(new Policy.Match(Supervisor.DEAD_LETTER, Map.of())), "eventType",
                null, List.of(Supervisor.ALERT), List.of());
        DeciderFixture.of(new Supervisor(List.of(alert))).givenNothing()
                .when(new ReportDeadLetter("e-1", "coffee.machine.brew", "m1", "coffee-machine", 500, "boom", T0))
                .then(new PolicyApplied("dead", "coffee.machine.brew", Supervisor.DEAD_LETTER, "m1", T0, null, false, 1),
                        new AlertRaised("dead", Supervisor.DEAD_LETTER, "m1", "coffee.machine.brew", "boom", 1));
    }

    @Test
    void withoutPoliciesTheSupervisorDoesNothing() {
        DeciderFixture.of(new Supervisor(List.of())).givenNothing().when(failedBrew("o1", T0)).thenNothing();
    }

    @Test
    void aDeadLetterReportNeedsTheEventTypeAndTime() {
        assertThatThrownBy(() -> new ReportDeadLetter("e", " ", null, null, null, null, T0))
                .hasMessage("eventType is required");
        assertThatThrownBy(() -> new ReportDeadLetter("e", "x.y.z", null, null, null, null, null))
                .hasMessageContaining("at (when the event was dead-lettered) is required");
    }

    // ---- reactions: only events a policy applies to reach the mailbox ------------------

    private static Optional<Routed<Command>> react(Object event, String subject) {
        EventMetadata metadata = new EventMetadata("e-1", "/actors/x/" + subject, subject,
                OffsetDateTime.of(2026, 1, 1, 9, 0, 0, 0, ZoneOffset.ofHours(1)), "chain");
        return Supervisor.definition(List.of(RETRY, RESET, PUT_BACK)).reaction(ActorDefinition.typeOf(event))
                .orElseThrow().routeEvent(event, metadata);
    }

    @Test
    void eventsBecomeObservationsWithTheirFactsAndTime() {
        assertThat(react(new BrewingFinished("latte", "failed", "no water", "o1"), "m1"))
                .contains(new Routed<>("shop", failedBrew("o1", T0)));
        assertThat(react(new BrewingTimedOut("latte", "o1", "silent"), "m1")).contains(new Routed<>("shop",
                new Observe(TIMED_OUT, "m1", T0, Map.of("subject", "m1", "machine", "m1", "order", "o1", "recipe",
                        "latte", "reason", "silent"))));
        assertThat(react(new MachineInitialized(), "m1")).contains(new Routed<>("shop",
                new Observe(Supervisor.MACHINE_INITIALIZED, "m1", T0, Map.of("subject", "m1", "machine", "m1"))));
    }

    @Test
    void eventsNoPolicyAppliesToAreIgnored() {
        assertThat(react(new BrewingFinished("latte", "ok", null, "o1"), "m1")).isEmpty();
        assertThat(react(new BrewingFinished("latte", "failed", "x", null), "m1")).isEmpty();
        assertThat(react(new MachineCommandRejected("coffee.machine.brew", "x"), "m1")).isEmpty();
        assertThat(react(new OrderFailed("x"), "o1")).isEmpty();
    }

    @Test
    void theFactsOfEveryObservationAreThoseItsTypeDeclares() {
        EventMetadata meta = new EventMetadata("e", "/s", "m1", null, "c");
        List<Observe> observations = List.of(
                Supervisor.observe(FINISHED, meta, "machine", "m1", "order", "o", "recipe", "r", "outcome", "o",
                        "reason", "x"),
                Supervisor.observe(TIMED_OUT, meta, "machine", "m1", "order", "o", "recipe", "r", "reason", "x"));
        for (Observe observed : observations) {
            assertThat(Supervisor.OBSERVABLE.get(observed.type())).containsAll(observed.facts().keySet());
        }
        Set<String> observable = new HashSet<>(Supervisor.VOCABULARY.reactionTypes());
        observable.addAll(Supervisor.VOCABULARY.commandTypes());
        assertThat(observable).isEqualTo(Supervisor.OBSERVABLE.keySet());
        Set<String> actions = new HashSet<>(Supervisor.VOCABULARY.eventTypes());
        actions.remove("coffee.supervisor.policy-applied");
        assertThat(actions).isEqualTo(Supervisor.FACTS_NEEDED.keySet());
    }

    /** Stands in for the exhaustive switch Java 17 lacks: every command, event and action is handled. */
    @Test
    void everyCommandEventAndActionIsHandled() {
        assertThat(Event.class.getPermittedSubclasses()).hasSize(Supervisor.VOCABULARY.eventTypes().size());
        Policy everything = new Policy("all", List.of(new Policy.Match(FINISHED, Map.of())), "order",
                new Policy.Limit(1, Duration.ofMinutes(1)), List.copyOf(Supervisor.FACTS_NEEDED.keySet()),
                List.copyOf(Supervisor.FACTS_NEEDED.keySet()));
        Supervisor decider = new Supervisor(List.of(everything));
        List<Command> commands = List.of(failedBrew("o1", T0),
                new ReportDeadLetter("e", "t", "s", "tr", 500, "r", T0));
        assertThat(commands.stream().map(Object::getClass))
                .containsExactlyInAnyOrder(Command.class.getPermittedSubclasses());
        Set<Class<?>> seen = new HashSet<>();
        State state = decider.initialState();
        for (int round = 0; round < 2; round++) {
            for (Command command : commands) {
                for (Event event : decider.decide(command, state)) {
                    seen.add(event.getClass());
                    state = decider.evolve(state, event);
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(Event.class.getPermittedSubclasses());
    }
}

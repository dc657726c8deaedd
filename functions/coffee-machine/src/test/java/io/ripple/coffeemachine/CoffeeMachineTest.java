package io.ripple.coffeemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.coffeemachine.CoffeeMachine.Brew;
import io.ripple.coffeemachine.CoffeeMachine.BrewStarted;
import io.ripple.coffeemachine.CoffeeMachine.BrewingFinished;
import io.ripple.coffeemachine.CoffeeMachine.BrewingTimedOut;
import io.ripple.coffeemachine.CoffeeMachine.CheckBrewing;
import io.ripple.coffeemachine.CoffeeMachine.Command;
import io.ripple.coffeemachine.CoffeeMachine.Event;
import io.ripple.coffeemachine.CoffeeMachine.FinishBrewing;
import io.ripple.coffeemachine.CoffeeMachine.Initialize;
import io.ripple.coffeemachine.CoffeeMachine.InitializationCompleted;
import io.ripple.coffeemachine.CoffeeMachine.MachineResetRequested;
import io.ripple.coffeemachine.CoffeeMachine.MachineState;
import io.ripple.coffeemachine.CoffeeMachine.OrderAssigned;
import io.ripple.coffeemachine.CoffeeMachine.PowerOff;
import io.ripple.coffeemachine.CoffeeMachine.PoweredOff;
import io.ripple.coffeemachine.CoffeeMachine.State;
import io.ripple.runtime.ActorDefinition;
import io.ripple.runtime.EventMetadata;
import io.ripple.runtime.Routed;
import io.ripple.testkit.DeciderFixture;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoffeeMachineTest {

    private final DeciderFixture<Command, Event, State> machine = DeciderFixture.of(new CoffeeMachine());

    @Test
    void initializingAnOffMachineMakesItReady() {
        machine.givenNothing()
                .when(new Initialize())
                .then(new InitializationCompleted())
                .thenState(new State(MachineState.READY, null));
    }

    @Test
    void brewingOnAReadyMachineStartsTheBrew() {
        machine.given(new InitializationCompleted())
                .when(new Brew("espresso"))
                .then(new BrewStarted("espresso"))
                .thenState(new State(MachineState.BREWING, "espresso"));
    }

    @Test
    void finishedBrewingReportsASuccessfulOutcomeAndMakesTheMachineReady() {
        machine.given(new InitializationCompleted(), new BrewStarted("latte"))
                .when(FinishBrewing.ok())
                .then(new BrewingFinished("latte", "ok", null))
                .thenState(new State(MachineState.READY, null));
    }

    @Test
    void finishedIsNotSuccessAFailedBrewCarriesItsReason() {
        machine.given(new InitializationCompleted(), new BrewStarted("latte"))
                .when(FinishBrewing.failed("water tank empty"))
                .then(new BrewingFinished("latte", "failed", "water tank empty"))
                .thenState(new State(MachineState.READY, null));
        assertThat(new BrewingFinished("latte", "failed", "water tank empty").succeeded()).isFalse();
        assertThat(new BrewingFinished("latte", "ok", null).succeeded()).isTrue();
    }

    @Test
    void powerOffMakesAReadyMachineOff() {
        machine.given(new InitializationCompleted())
                .when(new PowerOff())
                .then(new PoweredOff())
                .thenState(new State(MachineState.OFF, null));
    }

    @Test
    void powerOffWhileBrewingFailsTheBrewThenPowersOff() {
        machine.given(new InitializationCompleted(), new BrewStarted("mocha"))
                .when(new PowerOff())
                .then(new BrewingFinished("mocha", "failed", "powered off while brewing"), new PoweredOff())
                .thenState(new State(MachineState.OFF, null));
    }

    @Test
    void brewWhileOffIsRejected() {
        machine.givenNothing().when(new Brew("espresso")).thenRejected("cannot brew while OFF");
    }

    @Test
    void brewWhileBrewingIsRejected() {
        machine.givenCommands(new Initialize(), new Brew("espresso"))
                .when(new Brew("latte"))
                .thenRejected("cannot brew while BREWING")
                .thenState(new State(MachineState.BREWING, "espresso"));
    }

    @Test
    void finishWhileReadyIsRejected() {
        machine.given(new InitializationCompleted()).when(FinishBrewing.ok())
                .thenRejected("no brew in progress: machine is READY");
    }

    @Test
    void aReportOnAnotherOrderThanTheOneBrewingIsRejected() {
        machine.given(new InitializationCompleted(), new BrewStarted("mocha", "order-8", 5L))
                .when(new FinishBrewing("ok", null, "order-7"))
                .thenRejected("report on order order-7 but the machine is brewing order order-8: a late report of an earlier brew")
                .thenState(new State(MachineState.BREWING, "mocha", "order-8"));
    }

    @Test
    void aReportOnTheOrderBrewingEndsIt() {
        machine.given(new InitializationCompleted(), new BrewStarted("mocha", "order-8", 5L))
                .when(new FinishBrewing("ok", null, "order-8"))
                .then(new BrewingFinished("mocha", "ok", null, "order-8"));
    }

    @Test
    void finishWhileOffIsRejected() {
        machine.givenNothing().when(FinishBrewing.ok()).thenRejected("no brew in progress: machine is OFF");
    }

    @Test
    void initializeTwiceIsRejected() {
        machine.given(new InitializationCompleted()).when(new Initialize())
                .thenRejected("machine is already READY");
    }

    @Test
    void initializeWhileBrewingIsRejected() {
        machine.given(new InitializationCompleted(), new BrewStarted("espresso")).when(new Initialize())
                .thenRejected("machine is already BREWING");
    }

    @Test
    void powerOffWhileOffIsRejected() {
        machine.givenNothing().when(new PowerOff()).thenRejected("machine is already OFF");
    }

    @Test
    void aRejectionChangesNoState() {
        machine.given(new InitializationCompleted(), new BrewStarted("espresso"))
                .when(new Brew("latte"))
                .thenState(new State(MachineState.BREWING, "espresso"));
    }

    @Test
    void commandsValidateTheirData() {
        assertThatThrownBy(() -> new Brew(" ")).hasMessage("recipe is required");
        assertThatThrownBy(() -> new FinishBrewing("maybe", null)).hasMessageContaining("outcome must be");
        assertThatThrownBy(() -> new FinishBrewing("failed", null)).hasMessage("a failed outcome needs a reason");
    }

    // ---- brews for orders, the brew timer and FAULTY machines --------------------------

    @Test
    void aBrewForAnOrderCarriesTheOrderToItsEnd() {
        machine.given(new InitializationCompleted())
                .when(new Brew("latte", "order-7"))
                .then(new BrewStarted("latte", "order-7"))
                .thenState(new State(MachineState.BREWING, "latte", "order-7"));
        machine.given(new InitializationCompleted(), new BrewStarted("latte", "order-7"))
                .when(FinishBrewing.failed("no beans"))
                .then(new BrewingFinished("latte", "failed", "no beans", "order-7"))
                .thenState(new State(MachineState.READY, null));
    }

    @Test
    void powerOffWhileBrewingAnOrderNamesTheOrderInTheFailedBrew() {
        machine.given(new InitializationCompleted(), new BrewStarted("mocha", "order-7"))
                .when(new PowerOff())
                .then(new BrewingFinished("mocha", "failed", "powered off while brewing", "order-7"), new PoweredOff());
    }

    @Test
    void aStartedBrewSetsATimerThatChecksItAndTheEndOfTheBrewCancelsIt() {
        BrewStarted started = new BrewStarted("latte", "order-7");
        assertThat(started.timerName()).isEqualTo("brew-timeout");
        assertThat(started.delay()).isEqualTo(Duration.ofSeconds(90));
        assertThat(started.command()).isEqualTo(new CheckBrewing("order-7"));
        assertThat(new BrewingFinished("latte", "ok", null, "order-7").timerName()).isEqualTo(started.timerName());
        assertThat(ActorDefinition.typeOf(started.command())).isEqualTo("coffee.machine.check-brewing");
    }

    @Test
    void aBrewStillRunningWhenCheckedTimesOutAndTheMachineIsFaulty() {
        machine.given(new InitializationCompleted(), new BrewStarted("latte", "order-7"))
                .when(new CheckBrewing("order-7"))
                .then(new BrewingTimedOut("latte", "order-7", "the hardware did not report within 90 s"))
                .thenState(new State(MachineState.FAULTY, null));
    }

    @Test
    void aCheckOfABrewThatIsOverDoesNothing() {
        machine.given(new InitializationCompleted(), new BrewStarted("latte", "order-7"),
                        new BrewingFinished("latte", "ok", null, "order-7"))
                .when(new CheckBrewing("order-7"))
                .thenNothing();
        machine.given(new InitializationCompleted(), new BrewStarted("latte", "order-8"))
                .when(new CheckBrewing("order-7"))
                .thenNothing()
                .thenState(new State(MachineState.BREWING, "latte", "order-8"));
        machine.givenNothing().when(new CheckBrewing(null)).thenNothing();
    }

    @Test
    void aFaultyMachineBrewsNothingUntilItIsInitializedAgain() {
        BrewingTimedOut timedOut = new BrewingTimedOut("latte", "order-7", "silent");
        machine.given(new InitializationCompleted(), new BrewStarted("latte", "order-7"), timedOut)
                .when(new Brew("espresso"))
                .thenRejected("cannot brew while FAULTY");
        machine.given(new InitializationCompleted(), new BrewStarted("latte", "order-7"), timedOut)
                .when(FinishBrewing.ok())
                .thenRejected("no brew in progress: machine is FAULTY");
        machine.given(new InitializationCompleted(), new BrewStarted("latte", "order-7"), timedOut)
                .when(new Initialize())
                .then(new InitializationCompleted())
                .thenState(new State(MachineState.READY, null));
        machine.given(new InitializationCompleted(), new BrewStarted("latte", "order-7"), timedOut)
                .when(new PowerOff())
                .then(new PoweredOff())
                .thenState(new State(MachineState.OFF, null));
    }

    // ---- reactions ------------------------------------------------------------------

    private static Optional<Routed<Command>> react(Object event) {
        EventMetadata metadata = new EventMetadata("e-1", "/actors/barista/shop", "shop", null, "chain-1");
        return CoffeeMachine.DEFINITION.reaction(ActorDefinition.typeOf(event)).orElseThrow()
                .routeEvent(event, metadata);
    }

    @Test
    void anOrderAssignedToAMachineIsBrewedThere() {
        assertThat(react(new OrderAssigned("order-7", "m2", "latte")))
                .contains(new Routed<>("m2", new Brew("latte", "order-7")));
        assertThat(react(new OrderAssigned("order-7", null, "latte"))).isEmpty();
    }

    @Test
    void aResetRequestedByTheSupervisorInitializesTheMachine() {
        assertThat(react(new MachineResetRequested("m2", "timed out"))).contains(new Routed<>("m2", new Initialize()));
        assertThat(react(new MachineResetRequested(null, "timed out"))).isEmpty();
    }

    @Test
    void theBrewTimerWaitsTheConfiguredTimeout() {
        CoffeeMachine quick = new CoffeeMachine(java.time.Duration.ofSeconds(4));
        List<Event> started = quick.decide(new Brew("latte", "o1"), State.READY);
        assertThat(started).containsExactly(new BrewStarted("latte", "o1", 4L));
        assertThat(((BrewStarted) started.get(0)).delay()).isEqualTo(java.time.Duration.ofSeconds(4));
        assertThat(new BrewStarted("latte", "o1").delay()).isEqualTo(CoffeeMachine.BREW_TIMEOUT);
        assertThat(new BrewStarted("latte", "o1", null).delay()).as("as read back from the store")
                .isEqualTo(CoffeeMachine.BREW_TIMEOUT);
        assertThat(quick.decide(new CheckBrewing("o1"), new State(MachineState.BREWING, "latte", "o1")))
                .containsExactly(new BrewingTimedOut("latte", "o1", "the hardware did not report within 4 s"));
    }

    /** Stands in for the exhaustive switch Java 17 lacks: every command and event is handled in every state. */
    @Test
    void everyCommandAndEventIsHandledInEveryState() {
        CoffeeMachine decider = new CoffeeMachine();
        assertThat(Command.class.getPermittedSubclasses()).hasSize(CoffeeMachine.DEFINITION.commandTypes().size());
        assertThat(Event.class.getPermittedSubclasses()).hasSize(CoffeeMachine.DEFINITION.eventTypes().size());
        Command[] commands = { new Initialize(), new Brew("espresso"), FinishBrewing.ok(), new PowerOff(),
                new CheckBrewing(null) };
        assertThat(Arrays.stream(commands).map(Object::getClass))
                .containsExactlyInAnyOrder(Command.class.getPermittedSubclasses());
        for (MachineState machineState : MachineState.values()) {
            State state = new State(machineState, machineState == MachineState.BREWING ? "espresso" : null);
            for (Command command : commands) {
                for (Event event : decider.decide(command, state)) {
                    assertThat(decider.evolve(state, event)).isNotNull();
                }
            }
        }
    }
}

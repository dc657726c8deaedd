package io.ripple.coffeemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.coffeemachine.CoffeeMachine.Brew;
import io.ripple.coffeemachine.CoffeeMachine.BrewStarted;
import io.ripple.coffeemachine.CoffeeMachine.BrewingFinished;
import io.ripple.coffeemachine.CoffeeMachine.Command;
import io.ripple.coffeemachine.CoffeeMachine.Event;
import io.ripple.coffeemachine.CoffeeMachine.FinishBrewing;
import io.ripple.coffeemachine.CoffeeMachine.Initialize;
import io.ripple.coffeemachine.CoffeeMachine.InitializationCompleted;
import io.ripple.coffeemachine.CoffeeMachine.MachineState;
import io.ripple.coffeemachine.CoffeeMachine.PowerOff;
import io.ripple.coffeemachine.CoffeeMachine.PoweredOff;
import io.ripple.coffeemachine.CoffeeMachine.State;
import io.ripple.testkit.DeciderFixture;
import java.util.Arrays;
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

    /** Stands in for the exhaustive switch Java 17 lacks: every command and event is handled in every state. */
    @Test
    void everyCommandAndEventIsHandledInEveryState() {
        CoffeeMachine decider = new CoffeeMachine();
        assertThat(Command.class.getPermittedSubclasses()).hasSize(CoffeeMachine.DEFINITION.commandTypes().size());
        assertThat(Event.class.getPermittedSubclasses()).hasSize(CoffeeMachine.DEFINITION.eventTypes().size());
        Command[] commands = { new Initialize(), new Brew("espresso"), FinishBrewing.ok(), new PowerOff() };
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

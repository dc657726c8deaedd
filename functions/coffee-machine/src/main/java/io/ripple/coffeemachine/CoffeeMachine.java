package io.ripple.coffeemachine;

import io.ripple.runtime.ActorDefinition;
import io.ripple.runtime.Decider;
import io.ripple.runtime.MessageType;
import io.ripple.runtime.Rejection;
import java.util.List;

/**
 * The coffee machine's rules: OFF → READY on initialization, READY → BREWING on brew,
 * BREWING → READY when brewing finished. Finished is not success: the hardware reports an
 * outcome, and a failed brew is a fact other actors must react to.
 */
public final class CoffeeMachine implements Decider<CoffeeMachine.Command, CoffeeMachine.Event, CoffeeMachine.State> {

    /** The actor type: Knative Service name, Trigger name and mailbox prefix. */
    public static final String ACTOR = "coffee-machine";

    public static final ActorDefinition<Command, Event, State> DEFINITION = ActorDefinition
            .builder(ACTOR, new CoffeeMachine())
            .commands(Initialize.class, Brew.class, FinishBrewing.class, PowerOff.class)
            .events(InitializationCompleted.class, BrewStarted.class, BrewingFinished.class, PoweredOff.class,
                    CommandRejected.class)
            .build();

    // ---- commands -------------------------------------------------------------------

    public sealed interface Command permits Initialize, Brew, FinishBrewing, PowerOff {
    }

    @MessageType("coffee.machine.initialize")
    public record Initialize() implements Command {
    }

    @MessageType("coffee.machine.brew")
    public record Brew(String recipe) implements Command {
        public Brew {
            if (recipe == null || recipe.isBlank()) {
                throw new IllegalArgumentException("recipe is required");
            }
        }
    }

    /** Sent by the machine's hardware; {@code outcome} is {@code ok} or {@code failed}. */
    @MessageType("coffee.machine.finish-brewing")
    public record FinishBrewing(String outcome, String reason) implements Command {
        public FinishBrewing {
            if (!BrewOutcome.OK.equals(outcome) && !BrewOutcome.FAILED.equals(outcome)) {
                throw new IllegalArgumentException("outcome must be 'ok' or 'failed', not '" + outcome + "'");
            }
            if (BrewOutcome.FAILED.equals(outcome) && (reason == null || reason.isBlank())) {
                throw new IllegalArgumentException("a failed outcome needs a reason");
            }
        }

        public static FinishBrewing ok() {
            return new FinishBrewing(BrewOutcome.OK, null);
        }

        public static FinishBrewing failed(String reason) {
            return new FinishBrewing(BrewOutcome.FAILED, reason);
        }
    }

    @MessageType("coffee.machine.power-off")
    public record PowerOff() implements Command {
    }

    // ---- events ---------------------------------------------------------------------

    public sealed interface Event permits InitializationCompleted, BrewStarted, BrewingFinished, PoweredOff,
            CommandRejected {
    }

    @MessageType("coffee.machine.initialization-completed")
    public record InitializationCompleted() implements Event {
    }

    @MessageType("coffee.machine.brew-started")
    public record BrewStarted(String recipe) implements Event {
    }

    /** The brew is over; {@link #outcome} says whether a coffee came out. */
    @MessageType("coffee.machine.brewing-finished")
    public record BrewingFinished(String recipe, String outcome, String reason) implements Event {
        public boolean succeeded() {
            return BrewOutcome.OK.equals(outcome);
        }
    }

    @MessageType("coffee.machine.powered-off")
    public record PoweredOff() implements Event {
    }

    @MessageType("coffee.machine.command-rejected")
    public record CommandRejected(String commandType, String reason) implements Event, Rejection {
    }

    /** The outcomes the hardware reports. */
    public static final class BrewOutcome {
        public static final String OK = "ok";
        public static final String FAILED = "failed";

        private BrewOutcome() {
        }
    }

    // ---- state ----------------------------------------------------------------------

    public enum MachineState { OFF, READY, BREWING }

    /** @param brewing the recipe being brewed while BREWING, else null */
    public record State(MachineState machine, String brewing) {
        static final State OFF = new State(MachineState.OFF, null);
        static final State READY = new State(MachineState.READY, null);
    }

    @Override
    public State initialState() {
        return State.OFF;
    }

    // Java 17 has no pattern-matching switch (final in 21), so the sealed hierarchies are
    // matched with instanceof; CoffeeMachineTest checks every permitted subtype is handled.
    @Override
    public List<Event> decide(Command command, State state) {
        if (command instanceof Initialize) {
            return state.machine() == MachineState.OFF
                    ? List.of(new InitializationCompleted())
                    : reject(command, "machine is already " + state.machine());
        }
        if (command instanceof Brew brew) {
            return state.machine() == MachineState.READY
                    ? List.of(new BrewStarted(brew.recipe()))
                    : reject(command, "cannot brew while " + state.machine());
        }
        if (command instanceof FinishBrewing finish) {
            return state.machine() == MachineState.BREWING
                    ? List.of(new BrewingFinished(state.brewing(), finish.outcome(), finish.reason()))
                    : reject(command, "no brew in progress: machine is " + state.machine());
        }
        if (command instanceof PowerOff) {
            return switch (state.machine()) {
                case OFF -> reject(command, "machine is already OFF");
                case READY -> List.of(new PoweredOff());
                // Cutting power mid-brew is allowed, and ruins the coffee: say so first.
                case BREWING -> List.of(
                        new BrewingFinished(state.brewing(), BrewOutcome.FAILED, "powered off while brewing"),
                        new PoweredOff());
            };
        }
        throw new IllegalArgumentException("unhandled command " + command.getClass().getName());
    }

    @Override
    public State evolve(State state, Event event) {
        if (event instanceof InitializationCompleted) {
            return State.READY;
        }
        if (event instanceof BrewStarted started) {
            return new State(MachineState.BREWING, started.recipe());
        }
        if (event instanceof BrewingFinished) {
            return State.READY;
        }
        if (event instanceof PoweredOff) {
            return State.OFF;
        }
        if (event instanceof CommandRejected) {
            return state;
        }
        throw new IllegalArgumentException("unhandled event " + event.getClass().getName());
    }

    private static List<Event> reject(Command command, String reason) {
        return List.of(new CommandRejected(ActorDefinition.typeOf(command), reason));
    }
}

package io.ripple.coffeemachine;

import io.ripple.runtime.ActorDefinition;
import io.ripple.runtime.CancelTimer;
import io.ripple.runtime.Decider;
import io.ripple.runtime.MessageType;
import io.ripple.runtime.Rejection;
import io.ripple.runtime.Routed;
import io.ripple.runtime.ScheduleCommand;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The coffee machine's rules: OFF → READY on initialization, READY → BREWING on brew,
 * BREWING → READY when brewing finished. Finished is not success: the hardware reports an
 * outcome, and a failed brew is a fact other actors must react to. A machine whose hardware
 * does not report within {@link #BREW_TIMEOUT} is declared FAULTY until it is initialized again.
 *
 * <p>A brew may carry the order it is for ({@code order}, null for a brew no order asked for):
 * the barista's assignment becomes a brew through a reaction, and the order id travels on to
 * {@code brew-started} and {@code brewing-finished} so the order and the supervisor can follow it.
 */
public final class CoffeeMachine implements Decider<CoffeeMachine.Command, CoffeeMachine.Event, CoffeeMachine.State> {

    /** The actor type: Knative Service name, Trigger name and mailbox prefix. */
    public static final String ACTOR = "coffee-machine";

    /**
     * How long the hardware has to report the end of a brew before the machine is declared
     * FAULTY, unless the application sets {@code ripple.coffee-machine.brew-timeout}.
     */
    public static final Duration BREW_TIMEOUT = Duration.ofSeconds(90);

    static final String BREW_TIMER = "brew-timeout";

    public static final ActorDefinition<Command, Event, State> DEFINITION = definition(BREW_TIMEOUT);

    private final Duration brewTimeout;

    /** A machine with the default {@link #BREW_TIMEOUT}. */
    public CoffeeMachine() {
        this(BREW_TIMEOUT);
    }

    /** A machine whose hardware has {@code brewTimeout} to report the end of a brew. */
    public CoffeeMachine(Duration brewTimeout) {
        if (brewTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("brew timeout must be at least 1 s, not " + brewTimeout);
        }
        this.brewTimeout = brewTimeout;
    }

    /** The coffee machine actor with this brew timeout (the vocabulary is the same for every timeout). */
    public static ActorDefinition<Command, Event, State> definition(Duration brewTimeout) {
        return ActorDefinition.builder(ACTOR, new CoffeeMachine(brewTimeout))
                .commands(Initialize.class, Brew.class, FinishBrewing.class, PowerOff.class, CheckBrewing.class)
                .events(InitializationCompleted.class, BrewStarted.class, BrewingFinished.class, PoweredOff.class,
                        CommandRejected.class, BrewingTimedOut.class)
                .reactsTo(OrderAssigned.class, CoffeeMachine::brewTheAssignedOrder)
                .reactsTo(MachineResetRequested.class, CoffeeMachine::initializeOnReset)
                .build();
    }

    // ---- commands -------------------------------------------------------------------

    public sealed interface Command permits Initialize, Brew, FinishBrewing, PowerOff, CheckBrewing {
    }

    @MessageType("coffee.machine.initialize")
    public record Initialize() implements Command {
    }

    /** @param order the order this brew serves, or null */
    @MessageType("coffee.machine.brew")
    public record Brew(String recipe, String order) implements Command {
        public Brew {
            if (recipe == null || recipe.isBlank()) {
                throw new IllegalArgumentException("recipe is required");
            }
        }

        /** A brew no order asked for. */
        public Brew(String recipe) {
            this(recipe, null);
        }
    }

    /**
     * Sent by the machine's hardware; {@code outcome} is {@code ok} or {@code failed}. {@code order}
     * (may be null) is the order of the brew it reports on, as the brew-started it answers named it:
     * a report that comes after its brew timed out, and after the reset machine started another
     * order, must not end that other brew.
     */
    @MessageType("coffee.machine.finish-brewing")
    public record FinishBrewing(String outcome, String reason, String order) implements Command {
        public FinishBrewing {
            if (!BrewOutcome.OK.equals(outcome) && !BrewOutcome.FAILED.equals(outcome)) {
                throw new IllegalArgumentException("outcome must be 'ok' or 'failed', not '" + outcome + "'");
            }
            if (BrewOutcome.FAILED.equals(outcome) && (reason == null || reason.isBlank())) {
                throw new IllegalArgumentException("a failed outcome needs a reason");
            }
        }

        /** A report that names no order: it is about whatever the machine is brewing. */
        public FinishBrewing(String outcome, String reason) {
            this(outcome, reason, null);
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

    /**
     * Sent by the brew timer {@link #BREW_TIMEOUT} after a brew started: if that brew (same
     * order) is still running, the hardware went silent.
     */
    @MessageType("coffee.machine.check-brewing")
    public record CheckBrewing(String order) implements Command {
    }

    // ---- events ---------------------------------------------------------------------

    public sealed interface Event permits InitializationCompleted, BrewStarted, BrewingFinished, PoweredOff,
            CommandRejected, BrewingTimedOut {
    }

    @MessageType("coffee.machine.initialization-completed")
    public record InitializationCompleted() implements Event {
    }

    /** Starts the brew timer: if the hardware has not reported by then, the brew is checked. */
    @MessageType("coffee.machine.brew-started")
    /**
     * @param timeoutSeconds how long this machine waits for the hardware to report (its
     *                       brew timeout, whole seconds); absent in events stored before it existed
     */
    public record BrewStarted(String recipe, String order, Long timeoutSeconds) implements Event, ScheduleCommand {
        /** A brew no order asked for. */
        public BrewStarted(String recipe) {
            this(recipe, null);
        }

        /** A brew with the default {@link #BREW_TIMEOUT}. */
        public BrewStarted(String recipe, String order) {
            this(recipe, order, BREW_TIMEOUT.toSeconds());
        }

        @Override
        public String timerName() {
            return BREW_TIMER;
        }

        @Override
        public Duration delay() {
            return timeoutSeconds == null ? BREW_TIMEOUT : Duration.ofSeconds(timeoutSeconds);
        }

        @Override
        public Object command() {
            return new CheckBrewing(order);
        }
    }

    /** The brew is over; {@link #outcome} says whether a coffee came out. Cancels the brew timer. */
    @MessageType("coffee.machine.brewing-finished")
    public record BrewingFinished(String recipe, String outcome, String reason, String order)
            implements Event, CancelTimer {
        /** The end of a brew no order asked for. */
        public BrewingFinished(String recipe, String outcome, String reason) {
            this(recipe, outcome, reason, null);
        }

        public boolean succeeded() {
            return BrewOutcome.OK.equals(outcome);
        }

        @Override
        public String timerName() {
            return BREW_TIMER;
        }
    }

    /** The hardware did not report the end of a brew in time: no coffee, and the machine is FAULTY. */
    @MessageType("coffee.machine.brewing-timed-out")
    public record BrewingTimedOut(String recipe, String order, String reason) implements Event {
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

    // ---- other actors' events, as the machine reads them -----------------------------

    /** The barista's {@code order-assigned}: brew this order on this machine. */
    @MessageType("coffee.barista.order-assigned")
    public record OrderAssigned(String order, String machine, String recipe) {
    }

    /** The supervisor's {@code machine-reset-requested}: initialize the machine again. */
    @MessageType("coffee.supervisor.machine-reset-requested")
    public record MachineResetRequested(String machine, String reason) {
    }

    static Optional<Routed<Command>> brewTheAssignedOrder(OrderAssigned assigned) {
        if (assigned.machine() == null || assigned.recipe() == null || assigned.recipe().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Routed<>(assigned.machine(), new Brew(assigned.recipe(), assigned.order())));
    }

    static Optional<Routed<Command>> initializeOnReset(MachineResetRequested reset) {
        return reset.machine() == null ? Optional.empty()
                : Optional.of(new Routed<>(reset.machine(), new Initialize()));
    }

    // ---- state ----------------------------------------------------------------------

    /** FAULTY: a brew timed out; only initializing (a reset) or powering off gets the machine out of it. */
    public enum MachineState { OFF, READY, BREWING, FAULTY }

    /**
     * @param brewing the recipe being brewed while BREWING, else null
     * @param order   the order being brewed while BREWING, null if none
     */
    public record State(MachineState machine, String brewing, String order) {
        static final State OFF = new State(MachineState.OFF, null);
        static final State READY = new State(MachineState.READY, null);
        static final State FAULTY = new State(MachineState.FAULTY, null);

        /** A state with no order being brewed. */
        public State(MachineState machine, String brewing) {
            this(machine, brewing, null);
        }
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
            // Initializing a FAULTY machine is how it is reset.
            return state.machine() == MachineState.OFF || state.machine() == MachineState.FAULTY
                    ? List.of(new InitializationCompleted())
                    : reject(command, "machine is already " + state.machine());
        }
        if (command instanceof Brew brew) {
            return state.machine() == MachineState.READY
                    ? List.of(new BrewStarted(brew.recipe(), brew.order(), brewTimeout.toSeconds()))
                    : reject(command, "cannot brew while " + state.machine());
        }
        if (command instanceof FinishBrewing finish) {
            if (state.machine() != MachineState.BREWING) {
                return reject(command, "no brew in progress: machine is " + state.machine());
            }
            if (finish.order() != null && !finish.order().equals(state.order())) {
                return reject(command, "report on order " + finish.order() + " but the machine is brewing "
                        + (state.order() == null ? "without an order" : "order " + state.order())
                        + ": a late report of an earlier brew");
            }
            return List.of(new BrewingFinished(state.brewing(), finish.outcome(), finish.reason(), state.order()));
        }
        if (command instanceof PowerOff) {
            return switch (state.machine()) {
                case OFF -> reject(command, "machine is already OFF");
                case READY, FAULTY -> List.of(new PoweredOff());
                // Cutting power mid-brew is allowed, and ruins the coffee: say so first.
                case BREWING -> List.of(new BrewingFinished(state.brewing(), BrewOutcome.FAILED,
                        "powered off while brewing", state.order()), new PoweredOff());
            };
        }
        if (command instanceof CheckBrewing check) {
            // Nothing to do when that brew is over: the timer merely outlived it.
            return state.machine() == MachineState.BREWING && Objects.equals(state.order(), check.order())
                    ? List.of(new BrewingTimedOut(state.brewing(), state.order(), "the hardware did not report within "
                            + brewTimeout.toSeconds() + " s"))
                    : List.of();
        }
        throw new IllegalArgumentException("unhandled command " + command.getClass().getName());
    }

    @Override
    public State evolve(State state, Event event) {
        if (event instanceof InitializationCompleted) {
            return State.READY;
        }
        if (event instanceof BrewStarted started) {
            return new State(MachineState.BREWING, started.recipe(), started.order());
        }
        if (event instanceof BrewingFinished) {
            return State.READY;
        }
        if (event instanceof PoweredOff) {
            return State.OFF;
        }
        if (event instanceof BrewingTimedOut) {
            return State.FAULTY;
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

package io.ripple.runtime.store;

import io.ripple.runtime.ActorDefinition;
import io.ripple.runtime.CancelTimer;
import io.ripple.runtime.Decider;
import io.ripple.runtime.MessageType;
import io.ripple.runtime.Rejection;
import io.ripple.runtime.ScheduleCommand;
import java.time.Duration;
import java.util.List;

/**
 * A test actor with a timer: baking starts a timeout that stops the oven ("burnt") unless
 * it is stopped before.
 */
final class Oven implements Decider<Oven.Command, Oven.Event, Oven.State> {

    static final String TYPE = "oven";

    static final ActorDefinition<Command, Event, State> DEFINITION = ActorDefinition.builder(TYPE, new Oven())
            .commands(Bake.class, StopBaking.class)
            .events(BakingStarted.class, BakingStopped.class, Refused.class)
            .build();

    sealed interface Command permits Bake, StopBaking {
    }

    @MessageType("test.oven.bake")
    record Bake(String dish, long seconds) implements Command {
    }

    @MessageType("test.oven.stop-baking")
    record StopBaking(String reason) implements Command {
    }

    sealed interface Event permits BakingStarted, BakingStopped, Refused {
    }

    /** Starts the bake timeout: if nobody stops the oven in time, the dish burns. */
    @MessageType("test.oven.baking-started")
    record BakingStarted(String dish, long seconds) implements Event, ScheduleCommand {
        @Override
        public String timerName() {
            return "bake-timeout";
        }

        @Override
        public Duration delay() {
            return Duration.ofSeconds(seconds);
        }

        @Override
        public Object command() {
            return new StopBaking("burnt");
        }
    }

    @MessageType("test.oven.baking-stopped")
    record BakingStopped(String dish, String reason) implements Event, CancelTimer {
        @Override
        public String timerName() {
            return "bake-timeout";
        }
    }

    @MessageType("test.oven.refused")
    record Refused(String commandType, String reason) implements Event, Rejection {
    }

    /** @param dish what is in the oven, null when idle */
    record State(String dish, int bakes) {
    }

    @Override
    public State initialState() {
        return new State(null, 0);
    }

    @Override
    public List<Event> decide(Command command, State state) {
        if (command instanceof Bake bake) {
            return state.dish() == null ? List.of(new BakingStarted(bake.dish(), bake.seconds()))
                    : List.of(new Refused("test.oven.bake", "already baking " + state.dish()));
        }
        StopBaking stop = (StopBaking) command;
        return state.dish() != null ? List.of(new BakingStopped(state.dish(), stop.reason()))
                : List.of(new Refused("test.oven.stop-baking", "nothing is baking"));
    }

    @Override
    public State evolve(State state, Event event) {
        if (event instanceof BakingStarted started) {
            return new State(started.dish(), state.bakes() + 1);
        }
        if (event instanceof BakingStopped) {
            return new State(null, state.bakes());
        }
        return state;
    }
}

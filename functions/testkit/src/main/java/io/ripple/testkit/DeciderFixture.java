package io.ripple.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.runtime.Decider;
import io.ripple.runtime.Rejection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Given/when/then for a decider, with no framework booted:
 *
 * <pre>{@code
 * fixture.given(new InitializationCompleted())
 *        .when(new Brew("espresso"))
 *        .then(new BrewStarted("espresso"));
 * }</pre>
 *
 * @param <C> command type
 * @param <E> event type
 * @param <S> state type
 */
public final class DeciderFixture<C, E, S> {

    private final Decider<C, E, S> decider;

    private DeciderFixture(Decider<C, E, S> decider) {
        this.decider = decider;
    }

    public static <C, E, S> DeciderFixture<C, E, S> of(Decider<C, E, S> decider) {
        return new DeciderFixture<>(decider);
    }

    /** The actor's history: events it emitted before. */
    @SafeVarargs
    public final Given given(E... history) {
        return new Given(Arrays.asList(history));
    }

    /** An actor with no history. */
    public Given givenNothing() {
        return new Given(List.of());
    }

    /** The history that these commands, decided in order, produce. */
    @SafeVarargs
    public final Given givenCommands(C... commands) {
        List<E> history = new ArrayList<>();
        S state = decider.initialState();
        for (C command : commands) {
            List<E> events = decider.decide(command, state);
            state = decider.evolveAll(state, events);
            history.addAll(events);
        }
        return new Given(history);
    }

    /** A history, ready for a command. */
    public final class Given {
        private final List<E> history;

        private Given(List<E> history) {
            this.history = List.copyOf(history);
        }

        public When when(C command) {
            S state = decider.evolveAll(decider.initialState(), history);
            return new When(command, state, decider.decide(command, state));
        }
    }

    /** The decision a command produced, ready for assertions. */
    public final class When {
        private final C command;
        private final S stateBefore;
        private final List<E> events;

        private When(C command, S stateBefore, List<E> events) {
            this.command = command;
            this.stateBefore = stateBefore;
            this.events = events;
        }

        /** Exactly these events, in this order. */
        @SafeVarargs
        public final When then(E... expected) {
            assertThat(events).as("events decided for %s in state %s", command, stateBefore)
                    .containsExactly(expected);
            return this;
        }

        /** Exactly one event, a {@link Rejection} with this reason. */
        public When thenRejected(String reason) {
            assertThat(events).as("events decided for %s in state %s", command, stateBefore).hasSize(1);
            E only = events.get(0);
            assertThat(only).as("the decision for %s", command).isInstanceOf(Rejection.class);
            assertThat(((Rejection) only).reason()).as("rejection reason").isEqualTo(reason);
            return this;
        }

        /** No event at all: the command changed nothing and was not refused. */
        public When thenNothing() {
            assertThat(events).as("events decided for %s in state %s", command, stateBefore).isEmpty();
            return this;
        }

        /** The state after the decided events. */
        public When thenState(S expected) {
            assertThat(decider.evolveAll(stateBefore, events)).as("state after %s", command).isEqualTo(expected);
            return this;
        }
    }
}

package io.ripple.runtime;

import java.util.List;

/**
 * An actor type's business rules as three pure functions (the Decider pattern).
 *
 * <p>The runtime folds an actor's past events with {@link #evolve} starting from
 * {@link #initialState}, asks {@link #decide} what a command produces, and stores those
 * events. A command that is not allowed in the current state is not an exception: the
 * decider returns an event that implements {@link Rejection}, so the refusal is recorded
 * and observable like any other fact.
 *
 * @param <C> the actor's command type (usually a sealed interface of records)
 * @param <E> the actor's event type (usually a sealed interface of records)
 * @param <S> the actor's state
 */
public interface Decider<C, E, S> {

    /** The state of an actor that has no events yet. */
    S initialState();

    /** The events that {@code command} produces in {@code state}; never null, may be empty. */
    List<E> decide(C command, S state);

    /** The state after {@code event}. */
    S evolve(S state, E event);

    /** Folds events onto a state, in order. */
    default S evolveAll(S state, List<? extends E> events) {
        S current = state;
        for (E event : events) {
            current = evolve(current, event);
        }
        return current;
    }
}

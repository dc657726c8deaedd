package io.ripple.runtime.store;

/**
 * An actor's current state and where it stands in its stream.
 *
 * @param state           the state after all stored events
 * @param version         the stream version: the expected version of the next append
 * @param snapshotVersion the version of the latest snapshot known to hold this state's
 *                        history: the one it was built on or saved since; 0 if none
 * @param <S>             the state type
 */
public record LoadedState<S>(S state, long version, long snapshotVersion) {

    /** How many events the state holds beyond its latest snapshot (or from the start). */
    public long eventsReplayed() {
        return version - snapshotVersion;
    }
}

package io.ripple.runtime.store;

/**
 * Turns an actor's state into snapshot bytes and back.
 *
 * @param <S> the state type
 */
public interface SnapshotCodec<S> {

    /**
     * Identifies the structure of the state this codec writes and reads. A snapshot saved
     * with another shape (an older version of the actor) is ignored, never decoded.
     */
    String shape();

    byte[] encode(S state);

    /**
     * The state in {@code bytes}.
     *
     * @throws IllegalArgumentException if the bytes do not hold a state of this shape; the
     *         caller then rebuilds the state from the events
     */
    S decode(byte[] bytes);
}

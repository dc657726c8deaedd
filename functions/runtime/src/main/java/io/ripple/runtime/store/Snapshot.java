package io.ripple.runtime.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * An actor's state as of a stream version, in a serialized form. Loading an actor then
 * needs only the events after {@link #version()}.
 *
 * @param version the stream version whose events the state includes
 * @param shape   identifies the structure of the serialized state (for example a
 *                fingerprint of its type); a snapshot whose shape differs from the one the
 *                runtime expects now is ignored and the state is rebuilt from the events
 * @param state   the serialized state
 */
public record Snapshot(long version, String shape, byte[] state) {

    public Snapshot {
        if (version < 0) {
            throw new IllegalArgumentException("snapshot version must not be negative: " + version);
        }
        Objects.requireNonNull(shape, "shape");
        state = state.clone();
    }

    @Override
    public byte[] state() {
        return state.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Snapshot that && version == that.version && shape.equals(that.shape)
                && Arrays.equals(state, that.state);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, shape, Arrays.hashCode(state));
    }

    @Override
    public String toString() {
        return "Snapshot[version=" + version + ", shape=" + shape + ", " + state.length + " bytes]";
    }
}

package io.ripple.runtime.store;

/**
 * Another delivery appended to the stream first. The caller reloads and decides again.
 */
public class VersionConflictException extends RuntimeException {

    public VersionConflictException(StreamId stream, long expectedVersion) {
        super("stream " + stream + " is no longer at version " + expectedVersion);
    }
}

package io.ripple.runtime.internal;

/** The broker (K_SINK) did not accept an event. */
public class SinkRejectedException extends RuntimeException {

    private final int status;

    public SinkRejectedException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    /** The HTTP status the sink answered, or 0 when it could not be reached. */
    public int status() {
        return status;
    }
}

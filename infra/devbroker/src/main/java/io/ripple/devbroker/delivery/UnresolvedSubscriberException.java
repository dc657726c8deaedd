package io.ripple.devbroker.delivery;

/** A subscriber ref that no URL is known for. */
public final class UnresolvedSubscriberException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnresolvedSubscriberException(String message) {
        super(message);
    }
}

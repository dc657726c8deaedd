package io.ripple.devbroker.log;

/** The log cannot take the event now (overloaded, closing, or the database failed): ingress answers 503. */
public final class LogUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public LogUnavailableException(String message) {
        super(message);
    }
}

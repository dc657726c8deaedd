package io.ripple.runtime.store;

/**
 * The event store could not do what was asked for a reason other than a lost race: the
 * database is unreachable, the schema is wrong, a stored event is corrupt. Processing the
 * command failed; the broker's retry may succeed once the cause is fixed.
 */
public class EventStoreException extends RuntimeException {

    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public EventStoreException(String message) {
        super(message);
    }
}

package io.ripple.devbroker.log;

/** How one delivery of an event to one trigger ended. */
public enum DeliveryOutcome {
    /** The subscriber accepted it (2xx), its reply, if any, is in the log. */
    DELIVERED,
    /** Retries exhausted or not retryable; sent to the dead letter sink. */
    DEAD_LETTERED,
    /** Retries exhausted or not retryable; no sink (or the sink failed): kept in the dead-letter store. */
    DEAD_LETTER_STORED,
    /** A dead letter replayed and accepted by the subscriber. */
    REPLAYED,
    /** A dead letter replayed and rejected again; it stays in the dead-letter store. */
    REPLAY_FAILED;

    /** Lower-case name used in the API and metrics. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

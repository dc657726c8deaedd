package io.ripple.devbroker.log;

import io.cloudevents.CloudEvent;

/**
 * An event accepted into the log.
 *
 * @param seq       position in the log: contiguous, increasing, the delivery order of ordered triggers
 * @param broker    {@code <namespace>/<broker>} it was sent to
 * @param arrivalMs when ingress accepted it (epoch millis)
 */
public record StoredEvent(long seq, String broker, CloudEvent event, long arrivalMs) {
}

package io.ripple.cli.trace;

import java.time.Instant;
import java.util.List;

/**
 * One event of a chain as the broker logged it, with what happened to it at each trigger.
 *
 * @param id          CloudEvent id
 * @param type        CloudEvent type
 * @param source      who emitted it
 * @param subject     the actor it is for or from
 * @param causationId the event that caused it, null for the chain's first
 * @param arrival     when the broker accepted it
 * @param deliveries  its deliveries, one per matching trigger
 */
public record TracedEvent(String id, String type, String source, String subject, String causationId, Instant arrival,
        List<Delivery> deliveries) {

    /**
     * @param trigger    the trigger (consumer)
     * @param outcome    delivered, dead-lettered, dead-letter-stored, replayed, replay-failed
     * @param attempts   attempts made
     * @param statusCode the subscriber's last status, null after a network error
     * @param finished   when the outcome was reached
     */
    public record Delivery(String trigger, String outcome, int attempts, Integer statusCode, Instant finished) {
    }
}

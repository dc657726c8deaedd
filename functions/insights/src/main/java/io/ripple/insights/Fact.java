package io.ripple.insights;

import java.time.Instant;

/**
 * The part of one coffee-shop event that the statistics use. Events are told apart by
 * {@code source} + {@code id} (CloudEvents: unique per source), so a redelivered event is
 * recognised and counted once.
 *
 * @param time    when it happened: its CloudEvent {@code time}, else when it was received
 * @param order   the order it concerns, if any
 * @param machine the coffee machine it concerns, if any
 * @param outcome {@code ok} or {@code failed} for a finished brew
 * @param policy  the supervisor policy that caused it, for supervisor events
 */
public record Fact(String source, String id, String type, String subject, Instant time, String order,
        String machine, String recipe, String outcome, String reason, String policy) {
}

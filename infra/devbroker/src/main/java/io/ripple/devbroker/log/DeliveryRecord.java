package io.ripple.devbroker.log;

import org.jspecify.annotations.Nullable;

/**
 * What happened to one event at one trigger, for {@code ripple trace}: "delivered, retried n
 * times, dead-lettered with code".
 *
 * @param attempts   attempts made, first one included
 * @param statusCode the last HTTP status from the subscriber; {@code null} after a network error or timeout
 */
public record DeliveryRecord(String trigger, long eventSeq, DeliveryOutcome outcome, int attempts,
        @Nullable Integer statusCode, @Nullable String detail, long startedMs, long finishedMs) {
}

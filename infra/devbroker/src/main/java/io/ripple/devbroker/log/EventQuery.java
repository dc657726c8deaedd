package io.ripple.devbroker.log;

import org.jspecify.annotations.Nullable;

/**
 * A search of the event log; every criterion optional, results in log order after {@code afterSeq}.
 *
 * @param sinceMs arrival time lower bound (inclusive, epoch millis)
 * @param untilMs arrival time upper bound (exclusive, epoch millis)
 */
public record EventQuery(@Nullable String correlationId, @Nullable String type, @Nullable String subject,
        @Nullable String source, @Nullable String broker, @Nullable Long sinceMs, @Nullable Long untilMs,
        long afterSeq, int limit) {
}

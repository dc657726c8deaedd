package io.ripple.devbroker.delivery;

import io.ripple.devbroker.log.DeliveryOutcome;
import org.jspecify.annotations.Nullable;

/**
 * How a delivery (all its attempts) ended.
 *
 * @param startedMs when the first attempt started (epoch millis)
 */
public record DeliveryResult(DeliveryOutcome outcome, int attempts, @Nullable Integer statusCode,
        @Nullable String detail, long startedMs) {
}

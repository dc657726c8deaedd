package io.ripple.devbroker.topology;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The effective delivery spec of a trigger (trigger fields, else its broker's, else defaults).
 *
 * @param retry          retries after the first attempt (attempts = retry + 1)
 * @param deadLetterSink where exhausted events go; {@code null} = the broker's dead-letter store
 */
public record DeliveryPolicy(int retry, BackoffPolicy backoffPolicy, Duration backoffDelay, Duration timeout,
        @Nullable Destination deadLetterSink) {

    /** Attempts in all, first one included. */
    public int attempts() {
        return retry + 1;
    }

    /** Delay before retry number {@code retry} (1-based). */
    public Duration delayBefore(int retryNumber) {
        return backoffPolicy.delayBefore(retryNumber, backoffDelay);
    }
}

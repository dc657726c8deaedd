package io.ripple.devbroker.topology;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A {@code spec.delivery} as written: every field optional, merged trigger-over-broker. */
public record PartialDelivery(@Nullable Integer retry, @Nullable BackoffPolicy backoffPolicy,
        @Nullable Duration backoffDelay, @Nullable Duration timeout, @Nullable Destination deadLetterSink) {

    /** No delivery spec at all. */
    public static final PartialDelivery NONE = new PartialDelivery(null, null, null, null, null);

    /** This spec's fields, each falling back to {@code fallback}'s, then to the defaults. */
    public DeliveryPolicy over(PartialDelivery fallback, Duration defaultBackoffDelay, Duration defaultTimeout) {
        return new DeliveryPolicy(
                first(retry, fallback.retry, 0),
                first(backoffPolicy, fallback.backoffPolicy, BackoffPolicy.EXPONENTIAL),
                first(backoffDelay, fallback.backoffDelay, defaultBackoffDelay),
                first(timeout, fallback.timeout, defaultTimeout),
                deadLetterSink != null ? deadLetterSink : fallback.deadLetterSink);
    }

    private static <T> T first(@Nullable T own, @Nullable T inherited, T fallback) {
        return own != null ? own : inherited != null ? inherited : fallback;
    }
}

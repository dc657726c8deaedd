package io.ripple.devbroker.topology;

import java.time.Duration;

/** Knative backoff policies: delay × n (linear) or delay × 2^n (exponential), n = retry number from 1. */
public enum BackoffPolicy {
    LINEAR,
    EXPONENTIAL;

    /** Delay before retry number {@code retry} (1 for the first retry). */
    public Duration delayBefore(int retry, Duration backoffDelay) {
        return switch (this) {
            case LINEAR -> backoffDelay.multipliedBy(retry);
            case EXPONENTIAL -> backoffDelay.multipliedBy(1L << Math.min(retry, 30));
        };
    }
}

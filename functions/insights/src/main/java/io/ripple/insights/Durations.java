package io.ripple.insights;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How long something took, over many occurrences: count and nearest-rank percentiles, in
 * seconds (null when nothing was measured).
 */
public record Durations(int count, Double p50Seconds, Double p90Seconds, Double p99Seconds, Double maxSeconds) {

    static final Durations NONE = new Durations(0, null, null, null, null);

    /** The percentiles of these durations. */
    public static Durations of(List<Duration> measured) {
        if (measured.isEmpty()) {
            return NONE;
        }
        List<Duration> sorted = new ArrayList<>(measured);
        Collections.sort(sorted);
        return new Durations(sorted.size(), seconds(percentile(sorted, 0.50)), seconds(percentile(sorted, 0.90)),
                seconds(percentile(sorted, 0.99)), seconds(sorted.get(sorted.size() - 1)));
    }

    /** Nearest rank: the smallest value with at least {@code q} of all values at or below it. */
    static Duration percentile(List<Duration> sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static Double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}

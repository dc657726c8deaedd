package io.ripple.observability;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One metric as Prometheus stores it: its exposed name, its kind, its labels and, for labels
 * with a closed set of values, those values.
 *
 * @param name the name as the Prometheus registry renders it (counters end in {@code _total},
 *     histograms are named without the {@code _bucket}/{@code _sum}/{@code _count} suffix)
 * @param kind counter, histogram or gauge
 * @param labels the labels the instrumentation sets
 * @param labelValues for each label with a closed value set, the allowed values
 * @param origin who exposes it
 */
public record Metric(String name, Kind kind, List<String> labels, Map<String, Set<String>> labelValues,
        Origin origin) {

    /** How a metric is exposed; decides which series names it produces. */
    public enum Kind {
        COUNTER, HISTOGRAM, GAUGE
    }

    /** Who exposes a metric. */
    public enum Origin {
        /** Every actor function (functions/runtime). */
        ACTOR,
        /** Ripple's local broker (infra/devbroker). */
        RIPPLE_BROKER,
        /** The Knative Kafka broker's data plane, in clusters (not Ripple's to rename). */
        KNATIVE_KAFKA_BROKER
    }

    public Metric {
        labels = List.copyOf(labels);
        labelValues = Map.copyOf(labelValues);
        if (!labels.containsAll(labelValues.keySet())) {
            throw new IllegalArgumentException(name + ": values given for labels it does not have");
        }
    }

    /** True for Ripple's own names, the ones dashboards and alerts must use first. */
    public boolean isRipple() {
        return origin != Origin.KNATIVE_KAFKA_BROKER;
    }

    /**
     * The series names a query may select for this metric. Histograms produce
     * {@code _bucket}, {@code _sum} and {@code _count}, and Micrometer adds a {@code _max} gauge.
     */
    public Set<String> seriesNames() {
        if (kind != Kind.HISTOGRAM) {
            return Set.of(name);
        }
        Set<String> names = new LinkedHashSet<>();
        for (String suffix : List.of("_bucket", "_sum", "_count", "_max")) {
            names.add(name + suffix);
        }
        return names;
    }
}

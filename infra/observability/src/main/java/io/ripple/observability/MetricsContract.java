package io.ripple.observability;

import io.ripple.observability.Metric.Kind;
import io.ripple.observability.Metric.Origin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The metric names Ripple's dashboard and alerts may use: what the actor functions and the
 * local broker expose (Micrometer with the Prometheus registry renders them exactly so), plus
 * the few series of the Knative Kafka broker the dashboard shows next to them in clusters.
 *
 * <p>Renaming a metric in the instrumentation without changing it here, and here without
 * changing the dashboard and alerts, breaks the build of this module: that is the point.
 * docs/observability.md lists the same table for people.
 */
public final class MetricsContract {

    /** Labels Prometheus or Quarkus add to every scraped series; any query may match on them. */
    public static final Set<String> TARGET_LABELS =
            Set.of("application", "job", "instance", "namespace", "pod", "container", "service");

    /** Outcomes of a command, as {@code ripple_commands_total{outcome}} reports them. */
    public static final Set<String> COMMAND_OUTCOMES =
            Set.of("applied", "rejected", "duplicate", "ignored", "invalid", "failed");

    /** Steps of processing one command, as {@code ripple_command_step_seconds{step}} reports them. */
    public static final Set<String> COMMAND_STEPS = Set.of("load", "decide", "append", "publish");

    /** Outcomes of one delivery attempt, as {@code ripple_broker_deliveries_total{outcome}} reports them. */
    public static final Set<String> DELIVERY_OUTCOMES = Set.of("delivered", "retried", "dead_lettered", "failed");

    private static final List<Metric> METRICS = List.of(
            new Metric("ripple_commands_total", Kind.COUNTER, List.of("actor", "type", "outcome"),
                    Map.of("outcome", COMMAND_OUTCOMES), Origin.ACTOR),
            new Metric("ripple_command_step_seconds", Kind.HISTOGRAM, List.of("actor", "step"),
                    Map.of("step", COMMAND_STEPS), Origin.ACTOR),
            new Metric("ripple_append_conflicts_total", Kind.COUNTER, List.of("actor"), Map.of(), Origin.ACTOR),
            new Metric("ripple_publish_failures_total", Kind.COUNTER, List.of("actor"), Map.of(), Origin.ACTOR),

            new Metric("ripple_broker_ingress_total", Kind.COUNTER, List.of("broker", "code"), Map.of(),
                    Origin.RIPPLE_BROKER),
            new Metric("ripple_broker_ingress_seconds", Kind.HISTOGRAM, List.of("broker"), Map.of(),
                    Origin.RIPPLE_BROKER),
            new Metric("ripple_broker_deliveries_total", Kind.COUNTER, List.of("trigger", "outcome"),
                    Map.of("outcome", DELIVERY_OUTCOMES), Origin.RIPPLE_BROKER),
            new Metric("ripple_broker_dead_letters_total", Kind.COUNTER, List.of("trigger"), Map.of(),
                    Origin.RIPPLE_BROKER),
            new Metric("ripple_broker_trigger_lag", Kind.GAUGE, List.of("trigger"), Map.of(), Origin.RIPPLE_BROKER),

            // Knative Kafka broker data plane (receiver, dispatcher, KafkaSink receiver): Micrometer
            // names with their base units ("1", "ms") as its Prometheus endpoint renders them.
            new Metric("event_count_1_total", Kind.COUNTER,
                    List.of("name", "namespace_name", "event_type", "response_code", "response_code_class",
                            "consumer_name"),
                    Map.of("response_code_class", Set.of("1xx", "2xx", "3xx", "4xx", "5xx")),
                    Origin.KNATIVE_KAFKA_BROKER),
            new Metric("event_dispatch_latencies_ms", Kind.HISTOGRAM,
                    List.of("name", "namespace_name", "event_type", "response_code", "response_code_class",
                            "consumer_name"),
                    Map.of("response_code_class", Set.of("1xx", "2xx", "3xx", "4xx", "5xx")),
                    Origin.KNATIVE_KAFKA_BROKER),
            new Metric("kafka_consumer_fetch_manager_records_lag", Kind.GAUGE,
                    List.of("client_id", "topic", "partition", "kafka_version"), Map.of(),
                    Origin.KNATIVE_KAFKA_BROKER));

    private static final Map<String, Metric> BY_SERIES_NAME = indexBySeriesName();

    private MetricsContract() {
    }

    /** Every metric of the contract, Ripple's first. */
    public static List<Metric> metrics() {
        return METRICS;
    }

    /** Ripple's own metrics (actors and local broker). */
    public static List<Metric> rippleMetrics() {
        return METRICS.stream().filter(Metric::isRipple).toList();
    }

    /** The metric a series name belongs to ({@code ripple_command_step_seconds_bucket} → its histogram). */
    public static Optional<Metric> bySeriesName(String seriesName) {
        return Optional.ofNullable(BY_SERIES_NAME.get(seriesName));
    }

    private static Map<String, Metric> indexBySeriesName() {
        Map<String, Metric> index = new LinkedHashMap<>();
        for (Metric metric : METRICS) {
            for (String series : metric.seriesNames()) {
                if (index.put(series, metric) != null) {
                    throw new IllegalStateException("two metrics claim the series " + series);
                }
            }
        }
        return Map.copyOf(index);
    }
}

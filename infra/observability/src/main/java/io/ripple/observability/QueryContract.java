package io.ripple.observability;

import io.ripple.observability.Selector.LabelMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a PromQL expression against {@link MetricsContract}: every selected series belongs to
 * a contract metric, every matched label is one the metric has (or one Prometheus adds), and a
 * matcher on a label with a closed value set only names values from that set.
 */
public final class QueryContract {

    /** A regex alternative we can check word by word: {@code failed|invalid}, {@code 5..} is not. */
    private static final Pattern PLAIN_ALTERNATIVES = Pattern.compile("[a-z0-9_]+(\\|[a-z0-9_]+)*");

    private QueryContract() {
    }

    /**
     * What is wrong with an expression, one sentence each; empty when it keeps to the contract.
     *
     * @param expression the PromQL text
     * @param rippleOnly when true, the Knative Kafka broker's metrics are not allowed either
     */
    public static List<String> violations(String expression, boolean rippleOnly) {
        List<String> problems = new ArrayList<>();
        List<Selector> selectors;
        try {
            selectors = PromQlSelectors.of(expression);
        } catch (PromQlException e) {
            return List.of(e.getMessage());
        }
        if (selectors.isEmpty()) {
            problems.add("selects no metric at all");
        }
        for (Selector selector : selectors) {
            Optional<Metric> metric = MetricsContract.bySeriesName(selector.metricName());
            if (metric.isEmpty()) {
                problems.add("'" + selector.metricName() + "' is not a metric of the contract");
                continue;
            }
            if (rippleOnly && !metric.get().isRipple()) {
                problems.add("'" + selector.metricName() + "' is a Knative metric where only Ripple's may be used");
            }
            for (LabelMatcher matcher : selector.matchers()) {
                problems.addAll(labelProblems(selector.metricName(), metric.get(), matcher));
            }
        }
        return problems;
    }

    private static List<String> labelProblems(String series, Metric metric, LabelMatcher matcher) {
        String label = matcher.label();
        boolean bucketBound = label.equals("le") && series.endsWith("_bucket");
        if (!metric.labels().contains(label) && !MetricsContract.TARGET_LABELS.contains(label) && !bucketBound) {
            return List.of(series + " has no label '" + label + "' (it has " + metric.labels() + ")");
        }
        Set<String> allowed = metric.labelValues().get(label);
        if (allowed == null || matcher.value().contains("$")) {
            return List.of(); // open value set, or a Grafana variable chosen from real values
        }
        List<String> values;
        if (!matcher.isRegex()) {
            values = List.of(matcher.value());
        } else if (PLAIN_ALTERNATIVES.matcher(matcher.value()).matches()) {
            values = List.of(matcher.value().split("\\|"));
        } else {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (String value : values) {
            if (!allowed.contains(value)) {
                problems.add(series + "{" + label + "} has no value '" + value + "' (values: " + allowed + ")");
            }
        }
        return problems;
    }
}

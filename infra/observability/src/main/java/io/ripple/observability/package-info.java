/**
 * Ripple's observability contract and the checks that keep dashboards and alerts honest.
 *
 * <p>{@link io.ripple.observability.MetricsContract} lists every metric name the Grafana
 * dashboard and the Prometheus alerts in {@code infra/observability} may use;
 * {@link io.ripple.observability.PromQlSelectors} finds the series a PromQL expression selects,
 * so the module's tests can reject a query that names a metric nobody exposes.
 */
@NullMarked
package io.ripple.observability;

import org.jspecify.annotations.NullMarked;

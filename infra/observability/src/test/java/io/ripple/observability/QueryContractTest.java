package io.ripple.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryContractTest {

    @Test
    void aQueryOnContractMetricsHasNoViolation() {
        assertThat(QueryContract.violations(
                "sum by (actor) (rate(ripple_commands_total{outcome=~\"failed|invalid\", actor=~\"$actor\"}[5m]))"
                        + " / sum by (actor) (rate(ripple_commands_total[5m]))", true)).isEmpty();
        assertThat(QueryContract.violations(
                "histogram_quantile(0.5, rate(ripple_command_step_seconds_bucket{step=\"append\",le=\"0.1\"}[5m]))",
                true)).isEmpty();
    }

    @Test
    void aRenamedMetricIsAViolation() {
        assertThat(QueryContract.violations("rate(ripple_broker_ingress_requests_total[5m])", false))
                .containsExactly("'ripple_broker_ingress_requests_total' is not a metric of the contract");
    }

    @Test
    void aHistogramIsSelectedThroughItsSeriesNotItsBareName() {
        assertThat(QueryContract.violations("ripple_command_step_seconds", false))
                .containsExactly("'ripple_command_step_seconds' is not a metric of the contract");
    }

    @Test
    void aLabelTheMetricDoesNotHaveIsAViolation() {
        assertThat(QueryContract.violations("ripple_broker_trigger_lag{actor=\"x\"}", false))
                .singleElement().asString().contains("has no label 'actor'");
    }

    @Test
    void prometheusTargetLabelsAreAllowedEverywhere() {
        assertThat(QueryContract.violations("ripple_broker_trigger_lag{namespace=\"ripple\",job=\"b\"}", true))
                .isEmpty();
    }

    @Test
    void anOutcomeOutsideItsClosedSetIsAViolation() {
        assertThat(QueryContract.violations("ripple_commands_total{outcome=~\"failed|errored\"}", false))
                .singleElement().asString().contains("no value 'errored'");
        assertThat(QueryContract.violations("ripple_broker_deliveries_total{outcome=\"deadlettered\"}", false))
                .singleElement().asString().contains("no value 'deadlettered'");
    }

    @Test
    void knativeMetricsAreRefusedWhereOnlyRipplesMayBeUsed() {
        assertThat(QueryContract.violations("rate(event_count_1_total[5m])", false)).isEmpty();
        assertThat(QueryContract.violations("rate(event_count_1_total[5m])", true))
                .singleElement().asString().contains("Knative metric");
    }

    @Test
    void anExpressionWithoutAnyMetricIsAViolation() {
        assertThat(QueryContract.violations("vector(1)", false)).containsExactly("selects no metric at all");
    }

    @Test
    void unreadablePromQlIsAViolationNotACrash() {
        assertThat(QueryContract.violations("sum(", false)).singleElement().asString().contains("missing ')'");
    }
}

package io.ripple.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.observability.Selector.LabelMatcher;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromQlSelectorsTest {

    private static List<String> names(String expression) {
        return PromQlSelectors.of(expression).stream().map(Selector::metricName).toList();
    }

    @Test
    void functionsAggregationsAndGroupingLabelsAreNotMetrics() {
        assertThat(names("histogram_quantile(0.99, sum by (actor, step, le) "
                + "(rate(ripple_command_step_seconds_bucket{actor=~\"$actor\"}[$__rate_interval])))"))
                .containsExactly("ripple_command_step_seconds_bucket");
        assertThat(names("sum(rate(a_total[5m])) without (instance) / on (job) group_left (x) b"))
                .containsExactly("a_total", "b");
    }

    @Test
    void keywordsNumbersAndDurationsAreNotMetrics() {
        assertThat(names("a > bool 1e-3 and b offset 10m or c unless d @ start() > Inf"))
                .containsExactly("a", "b", "c", "d");
    }

    @Test
    void labelMatchersAreReadWithTheirOperatorAndUnescapedValue() {
        List<Selector> selectors = PromQlSelectors.of("x{outcome=~\"failed|invalid\", code!='5\\'..',}");

        assertThat(selectors).containsExactly(new Selector("x", List.of(
                new LabelMatcher("outcome", "=~", "failed|invalid"),
                new LabelMatcher("code", "!=", "5'.."))));
    }

    @Test
    void stringsAndRangesAreSkipped() {
        assertThat(names("label_replace(up{job=\"a(b\"}, \"dst\", \"$1\", \"src\", \"not_a_metric\")"))
                .containsExactly("up");
        assertThat(names("max_over_time(a[1h:5m])")).containsExactly("a");
    }

    @Test
    void aNameMatcherNamesTheMetric() {
        assertThat(names("{__name__=\"ripple_broker_trigger_lag\", trigger=\"t\"}"))
                .containsExactly("ripple_broker_trigger_lag");
    }

    @Test
    void aPatternOnTheNameIsRefusedBecauseItCannotBeChecked() {
        assertThatThrownBy(() -> PromQlSelectors.of("{__name__=~\"ripple_.*\"}"))
                .isInstanceOf(PromQlException.class)
                .hasMessageContaining("pattern on __name__");
    }

    @Test
    void unbalancedBracketsAreReportedWithTheirPosition() {
        assertThatThrownBy(() -> PromQlSelectors.of("sum(rate(a[5m])"))
                .isInstanceOf(PromQlException.class).hasMessageContaining("missing ')'");
        assertThatThrownBy(() -> PromQlSelectors.of("a{b=\"c\""))
                .isInstanceOf(PromQlException.class).hasMessageContaining("expected");
        assertThatThrownBy(() -> PromQlSelectors.of("a{b=c}"))
                .isInstanceOf(PromQlException.class).hasMessageContaining("quoted value for b");
    }

    @Test
    void commentsAreIgnored() {
        assertThat(names("a # b is commented out\n + c")).containsExactly("a", "c");
    }
}

package io.ripple.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/observability.md tells people the same contract the build enforces. */
class DocsTest {

    /** First cell of a Markdown table row holding a metric name in backticks. */
    private static final Pattern METRIC_ROW = Pattern.compile("^\\| `([a-z_0-9]+)` \\|", Pattern.MULTILINE);

    @Test
    void theMetricTablesListExactlyTheContract() {
        Set<String> documented = new LinkedHashSet<>();
        Matcher row = METRIC_ROW.matcher(RepoFiles.read(RepoFiles.DOCS));
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                MetricsContract.metrics().stream().map(Metric::name).toList());
    }
}

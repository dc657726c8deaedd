package io.ripple.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard: its structure, and that every query keeps to the metrics contract. */
class DashboardTest {

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");

    private static JsonNode dashboard;

    @BeforeAll
    static void load() throws IOException {
        dashboard = new ObjectMapper().readTree(RepoFiles.path(RepoFiles.DASHBOARD).toFile());
    }

    /** Every panel, rows' nested panels included. */
    private static List<JsonNode> panels() {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            all.add(panel);
            panel.path("panels").forEach(all::add);
        }
        return all;
    }

    private static List<JsonNode> queryPanels() {
        return panels().stream().filter(panel -> !panel.path("type").asText().equals("row")).toList();
    }

    @Test
    void isASchemaVersion39DashboardWithAPrometheusDatasourceVariable() {
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        List<JsonNode> datasources = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(variable -> {
            if (variable.path("name").asText().equals("datasource")) {
                datasources.add(variable);
            }
        });
        assertThat(datasources).singleElement().satisfies(variable -> {
            assertThat(variable.path("type").asText()).isEqualTo("datasource");
            assertThat(variable.path("query").asText()).isEqualTo("prometheus");
        });
    }

    @Test
    void everyPanelHasATitleAndTheDatasourceVariable() {
        assertThat(panels()).isNotEmpty().allSatisfy(panel -> {
            String title = panel.path("title").asText();
            assertThat(title).as("panel %s title", panel.path("id")).isNotBlank();
            assertThat(panel.path("datasource").path("type").asText()).as("%s datasource type", title)
                    .isEqualTo("prometheus");
            assertThat(panel.path("datasource").path("uid").asText()).as("%s datasource uid", title)
                    .isEqualTo("${datasource}");
        });
    }

    @Test
    void panelIdsAreUnique() {
        Set<Integer> ids = new HashSet<>();
        assertThat(panels()).allSatisfy(panel -> assertThat(ids.add(panel.path("id").asInt()))
                .as("id %s of %s is unique", panel.path("id"), panel.path("title")).isTrue());
    }

    @Test
    void everyQueryUsesContractMetricsAndTheFirstOnlyRipplesOwn() {
        assertThat(queryPanels()).allSatisfy(panel -> {
            String title = panel.path("title").asText();
            JsonNode targets = panel.path("targets");
            assertThat(targets.size()).as("%s has queries", title).isPositive();
            for (int i = 0; i < targets.size(); i++) {
                JsonNode target = targets.get(i);
                // Ripple's names are primary: a panel's first query never depends on Knative's.
                List<String> violations = QueryContract.violations(target.path("expr").asText(), i == 0);
                assertThat(violations).as("%s, query %s: %s", title, target.path("refId").asText(),
                        target.path("expr").asText()).isEmpty();
                assertThat(target.path("datasource").path("uid").asText()).as("%s query datasource", title)
                        .isEqualTo("${datasource}");
            }
        });
    }

    @Test
    void templateVariablesReadContractMetrics() {
        List<String> read = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(variable -> {
            if (variable.path("type").asText().equals("query")) {
                String query = variable.path("query").isObject()
                        ? variable.path("query").path("query").asText() : variable.path("query").asText();
                Matcher matcher = LABEL_VALUES.matcher(query);
                assertThat(matcher.find()).as("variable %s uses label_values(metric, label)", variable.path("name"))
                        .isTrue();
                read.add(matcher.group(1));
            }
        });
        assertThat(read).isNotEmpty().allSatisfy(metric -> assertThat(MetricsContract.bySeriesName(metric))
                .as(metric).isPresent());
    }

    @Test
    void everyRippleMetricIsShownSomewhere() {
        Set<String> shown = new HashSet<>();
        for (JsonNode panel : queryPanels()) {
            for (JsonNode target : panel.path("targets")) {
                for (Selector selector : PromQlSelectors.of(target.path("expr").asText())) {
                    MetricsContract.bySeriesName(selector.metricName()).ifPresent(metric -> shown.add(metric.name()));
                }
            }
        }
        assertThat(shown).containsAll(MetricsContract.rippleMetrics().stream().map(Metric::name).toList());
    }

    @Test
    void hasThePanelsOperatorsLookFor() {
        List<String> titles = queryPanels().stream().map(panel -> panel.path("title").asText()).toList();
        assertThat(titles).contains("Command rate by actor and outcome", "Rejection and failure ratio",
                "Step latency p50 by actor and step", "Step latency p99 by actor and step", "Append conflicts",
                "Duplicate commands", "Publish failures", "Broker ingress rate by status code",
                "Broker ingress latency p50 / p99", "Deliveries by outcome", "Retries", "Dead letters",
                "Lag per trigger");
    }

    @Test
    void latencyPanelsComputeQuantilesFromHistogramBuckets() {
        List<JsonNode> latency = queryPanels().stream()
                .filter(panel -> panel.path("title").asText().contains("latency")).toList();
        assertThat(latency).hasSize(3).allSatisfy(panel -> {
            String expr = panel.path("targets").get(0).path("expr").asText();
            assertThat(expr).startsWith("histogram_quantile(").contains("_bucket").contains(" le)");
            assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText()).isEqualTo("s");
        });
    }
}

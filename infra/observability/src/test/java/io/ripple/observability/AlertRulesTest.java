package io.ripple.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules: labels and annotations every rule needs, metric names from the
 * contract, runbooks that exist, bounds that match the documentation, and a promtool test
 * case that fires and one that does not for every alert.
 */
class AlertRulesTest {

    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final String RUNBOOK_PREFIX = "docs/observability.md#";
    /** The bound an alert compares with: the number after the expression's first '>'. */
    private static final Pattern BOUND = Pattern.compile(">\\s*([0-9.]+)");
    /** A row of the "Alert bounds" table in the docs: | `Name` | bound | for | ... */
    private static final Pattern BOUND_ROW =
            Pattern.compile("^\\|\\s*`(Ripple\\w+)`\\s*\\|\\s*`?>\\s*([0-9.]+)`?\\s*\\|\\s*`?(\\w+)`?\\s*\\|", Pattern.MULTILINE);

    private static List<JsonNode> rules;
    private static JsonNode unitTests;

    @BeforeAll
    static void load() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode file = yaml.readTree(RepoFiles.path(RepoFiles.ALERTS).toFile());
        rules = new ArrayList<>();
        file.path("groups").forEach(group -> group.path("rules").forEach(rules::add));
        unitTests = yaml.readTree(RepoFiles.path(RepoFiles.ALERT_TESTS).toFile());
    }

    private static String name(JsonNode rule) {
        return rule.path("alert").asText();
    }

    @Test
    void theAlertsOperatorsNeedExist() {
        assertThat(rules.stream().map(AlertRulesTest::name).toList()).containsExactlyInAnyOrder(
                "RippleCommandErrorRateHigh", "RipplePublishFailures", "RippleDeadLettersGrowing",
                "RippleTriggerLagHigh", "RippleBrokerIngress5xxRatioHigh");
    }

    @Test
    void everyRuleHasASeverityAndTheAnnotationsAnOnCallNeeds() {
        assertThat(rules).allSatisfy(rule -> {
            assertThat(name(rule)).as("every rule is an alert with a name").isNotBlank();
            assertThat(rule.path("labels").path("severity").asText()).as("%s severity", name(rule))
                    .isIn(SEVERITIES);
            for (String annotation : List.of("summary", "description", "runbook_url")) {
                assertThat(rule.path("annotations").path(annotation).asText()).as("%s %s", name(rule), annotation)
                        .isNotBlank();
            }
        });
    }

    @Test
    void everyExpressionUsesOnlyRipplesContractMetrics() {
        assertThat(rules).allSatisfy(rule -> assertThat(QueryContract.violations(rule.path("expr").asText(), true))
                .as("%s: %s", name(rule), rule.path("expr").asText()).isEmpty());
    }

    @Test
    void everyRunbookIsASectionOfTheObservabilityDocs() {
        Set<String> anchors = headingAnchors(RepoFiles.read(RepoFiles.DOCS));
        assertThat(rules).allSatisfy(rule -> {
            String url = rule.path("annotations").path("runbook_url").asText();
            assertThat(url).as("%s runbook_url", name(rule)).startsWith(RUNBOOK_PREFIX);
            assertThat(anchors).as("%s runbook anchor", name(rule)).contains(url.substring(RUNBOOK_PREFIX.length()));
        });
    }

    @Test
    void boundsAndDurationsAreTheDocumentedOnes() {
        Map<String, String[]> documented = new HashMap<>();
        Matcher row = BOUND_ROW.matcher(RepoFiles.read(RepoFiles.DOCS));
        while (row.find()) {
            documented.put(row.group(1), new String[] {row.group(2), row.group(3)});
        }
        assertThat(rules).allSatisfy(rule -> {
            Matcher bound = BOUND.matcher(rule.path("expr").asText());
            assertThat(bound.find()).as("%s compares with '> bound'", name(rule)).isTrue();
            assertThat(documented).as("docs' Alert bounds table lists %s", name(rule)).containsKey(name(rule));
            String[] docs = documented.get(name(rule));
            assertThat(bound.group(1)).as("%s bound", name(rule)).isEqualTo(docs[0]);
            assertThat(rule.path("for").asText("0m")).as("%s for", name(rule)).isEqualTo(docs[1]);
        });
    }

    @Test
    void everyAlertHasAPromtoolCaseThatFiresAndOneThatDoesNot() {
        assertThat(unitTests.path("rule_files").toString()).contains("ripple-alerts.yaml");
        Set<String> fires = new HashSet<>();
        Set<String> silent = new HashSet<>();
        for (JsonNode test : unitTests.path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                String alert = check.path("alertname").asText();
                (check.path("exp_alerts").isEmpty() ? silent : fires).add(alert);
            }
        }
        List<String> names = rules.stream().map(AlertRulesTest::name).toList();
        assertThat(fires).as("alerts with a firing case").containsAll(names);
        assertThat(silent).as("alerts with a non-firing case").containsAll(names);
    }

    @Test
    void unitTestSeriesUseContractMetrics() {
        for (JsonNode test : unitTests.path("tests")) {
            for (JsonNode series : test.path("input_series")) {
                assertThat(QueryContract.violations(series.path("series").asText(), true))
                        .as(series.path("series").asText()).isEmpty();
            }
        }
    }

    /** The anchors GitHub generates for Markdown headings: lower case, punctuation dropped, spaces to '-'. */
    static Set<String> headingAnchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("#")) {
                String text = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
                anchors.add(text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    @Test
    void headingAnchorsFollowGithubsRules() {
        assertThat(headingAnchors("# Title\n## Alert bounds\n### `RippleTriggerLagHigh`\ntext # not a heading"))
                .containsExactlyInAnyOrder("title", "alert-bounds", "rippletriggerlaghigh");
    }
}

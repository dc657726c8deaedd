package io.ripple.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus' own checker and unit-test runner on the rules: {@code promtool check rules}
 * and {@code promtool test rules} (ripple-alerts.test.yaml). promtool comes from Debian's
 * {@code prometheus} package, installed by .ci/observability-tools.sh.
 */
class PromtoolTest {

    private static final String INSTALL = "run .ci/observability-tools.sh (apt-get install prometheus)";

    private record Run(int exitCode, String output) {
    }

    private static Run promtool(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(RequiredTool.require("promtool", INSTALL).toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool did not finish within 60 s: " + output);
        }
        return new Run(process.exitValue(), output);
    }

    private static Path rulesDirectory() {
        return RepoFiles.path(RepoFiles.ALERTS).getParent();
    }

    @Test
    void rulesPassPromtoolCheck() throws Exception {
        Run run = promtool(rulesDirectory(), "check", "rules", "ripple-alerts.yaml");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS: 5 rules found");
    }

    @Test
    void rulesPassTheirPromtoolUnitTests() throws Exception {
        Run run = promtool(rulesDirectory(), "test", "rules", "ripple-alerts.test.yaml");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void everyDashboardQueryIsValidPromQl(@TempDir Path directory) throws Exception {
        // promtool has no bare query checker; `check rules` parses each recording rule's expr.
        JsonNode dashboard = new ObjectMapper().readTree(RepoFiles.path(RepoFiles.DASHBOARD).toFile());
        ArrayNode rules = JsonNodeFactory.instance.arrayNode();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText()
                        .replace("$__rate_interval", "5m").replace("$__range", "1h")
                        .replaceAll("\\$\\{?\\w+}?", ".*"); // template variables only occur in label values
                rules.addObject().put("record", "dashboard:panel_" + panel.path("id").asInt() + "_"
                        + target.path("refId").asText()).put("expr", expr);
            }
        }
        ObjectNode file = JsonNodeFactory.instance.objectNode();
        file.putArray("groups").addObject().put("name", "dashboard").set("rules", rules);
        new YAMLMapper().writeValue(directory.resolve("dashboard-queries.yaml").toFile(), file);

        Run run = promtool(directory, "check", "rules", "dashboard-queries.yaml");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS: " + rules.size() + " rules found");
    }

    @Test
    void theUnitTestsCatchAMovedBound(@TempDir Path copy) throws Exception {
        Files.copy(RepoFiles.path(RepoFiles.ALERT_TESTS), copy.resolve("ripple-alerts.test.yaml"));
        String rules = RepoFiles.read(RepoFiles.ALERTS);
        assertThat(rules).contains("max by (trigger) (ripple_broker_trigger_lag) > 1000");
        Files.writeString(copy.resolve("ripple-alerts.yaml"),
                rules.replace("max by (trigger) (ripple_broker_trigger_lag) > 1000",
                        "max by (trigger) (ripple_broker_trigger_lag) > 2000"));

        Run run = promtool(copy, "test", "rules", "ripple-alerts.test.yaml");

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("RippleTriggerLagHigh");
    }

    @Test
    void promtoolRejectsABrokenExpression(@TempDir Path copy) throws Exception {
        Files.writeString(copy.resolve("ripple-alerts.yaml"),
                RepoFiles.read(RepoFiles.ALERTS).replace("max by (trigger) (ripple_broker_trigger_lag)",
                        "max by (trigger) (ripple_broker_trigger_lag"));

        Run run = promtool(copy, "check", "rules", "ripple-alerts.yaml");

        assertThat(run.exitCode()).as(run.output()).isNotZero();
    }
}

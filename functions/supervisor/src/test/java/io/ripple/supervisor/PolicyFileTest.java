package io.ripple.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy files are read into policies, and every mistake is named with its file and field. */
class PolicyFileTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        Path file = dir.resolve("policies.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static final String VALID = """
            policies:
              - name: retry
                match:
                  - type: coffee.machine.brewing-finished
                    where: { outcome: failed }
                key: order
                limit: { max: 2, window: PT10M }
                actions: [coffee.supervisor.order-retry-requested]
                escalation: [coffee.supervisor.order-given-up]
            """;

    private void assertRefused(String yaml, String message) throws IOException {
        Path file = file(yaml);
        assertThatThrownBy(() -> PolicyFile.read(file)).isInstanceOf(PolicyFileException.class)
                .hasMessage(file + ": " + message);
    }

    @Test
    void theShippedPoliciesAreValid() {
        List<Policy> policies = PolicyFile.readResource(SupervisorActor.DEFAULT_POLICIES);
        assertThat(policies).extracting(Policy::name).containsExactly("retry-failed-brew", "retire-flaky-machine",
                "reset-silent-machine", "return-initialized-machine", "alert-on-dead-letter");
    }

    @Test
    void aPolicyIsReadWithAllItsParts() throws IOException {
        assertThat(PolicyFile.read(file(VALID))).containsExactly(new Policy("retry",
                List.of(new Policy.Match("coffee.machine.brewing-finished", Map.of("outcome", "failed"))), "order",
                new Policy.Limit(2, Duration.ofMinutes(10)), List.of("coffee.supervisor.order-retry-requested"),
                List.of("coffee.supervisor.order-given-up")));
    }

    @Test
    void jsonPolicyFilesAreReadToo() {
        assertThat(PolicyFile.read(Path.of("src/test/resources/policies/policies.json"))).extracting(Policy::name)
                .containsExactly("alert-on-every-failed-brew");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nowhere.yaml");
        assertThatThrownBy(() -> PolicyFile.read(missing)).isInstanceOf(PolicyFileException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void aFileThatIsNotYamlIsRefused() throws IOException {
        Path file = file("policies: [ {name: x\n");
        assertThatThrownBy(() -> PolicyFile.read(file)).isInstanceOf(PolicyFileException.class)
                .hasMessageStartingWith(file + ": not valid YAML");
    }

    @Test
    void theFileMustHoldAListOfPolicies() throws IOException {
        assertRefused("- a\n- b\n", "the file must be a mapping with a 'policies' list");
        assertRefused("policies: 3\n", "policies: a list of policies is required");
        assertRefused("policy: []\n", "policy: unknown field; expected one of [policies]");
    }

    @Test
    void anUnknownFieldIsATypo() throws IOException {
        assertRefused(VALID.replace("limit:", "limits:"), "policies[0].limits: unknown field; expected one of "
                + "[actions, description, escalation, key, limit, match, name]");
        assertRefused(VALID.replace("window:", "windw:"),
                "policies[0].limit.windw: unknown field; expected one of [max, window]");
    }

    @Test
    void namesAreRequiredAndUnique() throws IOException {
        assertRefused(VALID.replace("name: retry", "name: ''"), "policies[0].name: a non-empty string is required");
        String twice = VALID + VALID.replace("policies:\n", "");
        assertRefused(twice, "policies[1].name: 'retry' is used by an earlier policy");
    }

    @Test
    void onlyObservableTypesCanBeMatched() throws IOException {
        assertRefused(VALID.replace("coffee.machine.brewing-finished", "coffee.machine.exploded"),
                "policies[0].match[0].type: the supervisor cannot observe 'coffee.machine.exploded'; it observes "
                        + "[coffee.machine.brewing-finished, coffee.machine.brewing-timed-out, "
                        + "coffee.machine.command-rejected, coffee.machine.initialization-completed, "
                        + "coffee.order.failed, coffee.supervisor.report-dead-letter]");
        assertRefused(VALID.replace("  - type: coffee.machine.brewing-finished\n        where: { outcome: failed }\n",
                ""), "policies[0].match: a non-empty list of {type, where} is required");
    }

    @Test
    void conditionsMustNameFactsOfTheType() throws IOException {
        assertRefused(VALID.replace("outcome: failed", "colour: brown"), "policies[0].match[0].where.colour: "
                + "'colour' is not a fact of coffee.machine.brewing-finished; it has "
                + "[machine, order, outcome, reason, recipe, subject]");
    }

    @Test
    void theKeyMustBeAFactOfEveryMatchedType() throws IOException {
        assertRefused(VALID.replace("key: order", "key: customer"), "policies[0].key: 'customer' is not a fact of "
                + "coffee.machine.brewing-finished (match[0]); it has [machine, order, outcome, reason, recipe, subject]");
    }

    @Test
    void theLimitNeedsAWholeMaxAndAPositiveIsoWindow() throws IOException {
        assertRefused(VALID.replace("window: PT10M", "window: ten minutes"),
                "policies[0].limit.window: 'ten minutes' is not an ISO-8601 duration (e.g. PT10M)");
        assertRefused(VALID.replace("window: PT10M", "window: PT0S"), "policies[0].limit.window: must be longer than zero");
        assertRefused(VALID.replace("max: 2", "max: -1"), "policies[0].limit.max: a whole number of 0 or more is required");
        assertRefused(VALID.replace("max: 2", "max: two"), "policies[0].limit.max: a whole number of 0 or more is required");
    }

    @Test
    void actionsMustBeEventsTheSupervisorEmits() throws IOException {
        assertRefused(VALID.replace("[coffee.supervisor.order-retry-requested]", "[coffee.supervisor.make-coffee]"),
                "policies[0].actions[0]: 'coffee.supervisor.make-coffee' is not an event the supervisor emits; one of "
                        + "[coffee.supervisor.alert-raised, coffee.supervisor.machine-put-back, "
                        + "coffee.supervisor.machine-reset-requested, coffee.supervisor.machine-taken-out, "
                        + "coffee.supervisor.order-given-up, coffee.supervisor.order-retry-requested]");
    }

    @Test
    void anActionNeedsTheFactsItActsOn() throws IOException {
        assertRefused(VALID.replace("coffee.machine.brewing-finished\n        where: { outcome: failed }",
                "coffee.machine.command-rejected").replace("key: order", "key: machine"),
                "policies[0].actions[0]: coffee.supervisor.order-retry-requested needs the fact 'order', which "
                        + "coffee.machine.command-rejected does not carry");
    }

    @Test
    void escalationNeedsALimitAndAPolicyMustDoSomething() throws IOException {
        assertRefused(VALID.replace("    limit: { max: 2, window: PT10M }\n", ""),
                "policies[0].escalation: escalation needs a limit: without one it never happens");
        assertRefused(VALID.replace("[coffee.supervisor.order-retry-requested]", "[]")
                        .replace("    escalation: [coffee.supervisor.order-given-up]\n", ""),
                "policies[0].actions: the policy does nothing: give it actions or a limit with escalation");
        assertRefused(VALID.replace("    actions: [coffee.supervisor.order-retry-requested]\n", ""),
                "policies[0].actions: a list of event types is required (it may be empty)");
    }

    @Test
    void theSupervisorDoesNotStartWithABrokenPolicyFile() {
        assertThatThrownBy(() -> SupervisorActor.definitionFrom(
                java.util.Optional.of("src/test/resources/policies/broken-window.yaml")))
                .isInstanceOf(PolicyFileException.class)
                .hasMessage("src/test/resources/policies/broken-window.yaml: policies[0].limit.window: "
                        + "'ten minutes' is not an ISO-8601 duration (e.g. PT10M)");
    }
}

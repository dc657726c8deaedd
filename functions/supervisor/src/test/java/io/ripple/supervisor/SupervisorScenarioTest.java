package io.ripple.supervisor;

import io.ripple.testkit.ScenarioRunner;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The scenario files, run through the runtime's command path with the policies they are
 * written for: the same supervisor code heals differently when only the policy file differs.
 */
class SupervisorScenarioTest {

    @TestFactory
    Stream<DynamicTest> withTheShippedPolicies() {
        return ScenarioRunner.forActor(Supervisor.definition(PolicyFile.readResource(SupervisorActor.DEFAULT_POLICIES)))
                .tests(Path.of("src/test/resources/scenarios/shipped-policies"));
    }

    @TestFactory
    Stream<DynamicTest> withTheNoRetryPolicies() {
        return ScenarioRunner.forActor(Supervisor.definition(
                PolicyFile.read(Path.of("src/test/resources/policies/no-retry.yaml"))))
                .tests(Path.of("src/test/resources/scenarios/no-retry-policies"));
    }
}

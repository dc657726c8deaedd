package io.ripple.coffeemachine;

import io.ripple.testkit.ScenarioRunner;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The scenario files, run through the runtime's command path; `ripple verify` replays them live. */
class CoffeeMachineScenarioTest {

    @TestFactory
    Stream<DynamicTest> scenarios() {
        return ScenarioRunner.forActor(CoffeeMachine.DEFINITION).tests(Path.of("src/test/resources/scenarios"));
    }
}

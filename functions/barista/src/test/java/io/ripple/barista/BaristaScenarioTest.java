package io.ripple.barista;

import io.ripple.testkit.ScenarioRunner;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The scenario files, run through the runtime's command path; `ripple verify` replays them live. */
class BaristaScenarioTest {

    @TestFactory
    Stream<DynamicTest> scenarios() {
        return ScenarioRunner.forActor(Barista.DEFINITION).tests(Path.of("src/test/resources/scenarios"));
    }
}

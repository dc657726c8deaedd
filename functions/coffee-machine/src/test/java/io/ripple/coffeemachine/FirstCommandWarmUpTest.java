package io.ripple.coffeemachine;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.ripple.testkit.InMemoryBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A function that has just started prepares its first command before any arrives: on an
 * application of its own (no other test sent it a command), the step timers the warm-up
 * registers appear with nothing counted.
 */
@QuarkusTest
@TestProfile(FirstCommandWarmUpTest.FreshStart.class)
@QuarkusTestResource(value = InMemoryBrokerResource.class, restrictToAnnotatedClass = true)
class FirstCommandWarmUpTest {

    /** A profile of its own, so Quarkus starts this test a new application. */
    public static class FreshStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ripple.test.fresh-start", "true");
        }
    }

    private static List<String> stepTimerCounts() {
        String page = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return Arrays.stream(page.split("\n"))
                .filter(line -> line.startsWith("ripple_command_step_seconds_count{")
                        && line.contains("actor=\"coffee-machine\""))
                .toList();
    }

    @Test
    void stepTimersAreRegisteredBeforeTheFirstCommand() {
        List<String> counts = await().atMost(Duration.ofSeconds(30))
                .until(FirstCommandWarmUpTest::stepTimerCounts, lines -> lines.size() == 4);

        assertThat(counts).allSatisfy(line -> assertThat(line).endsWith(" 0.0"));
        assertThat(counts).anySatisfy(line -> assertThat(line).contains("step=\"append\""));
    }
}

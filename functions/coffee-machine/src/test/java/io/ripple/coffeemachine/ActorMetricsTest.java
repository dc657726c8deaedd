package io.ripple.coffeemachine;

import io.ripple.testkit.InMemoryBrokerResource;

import static io.restassured.RestAssured.given;
import static io.ripple.coffeemachine.Commands.newId;
import static io.ripple.coffeemachine.Commands.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** /q/metrics counts a known sequence of commands by type and outcome, and times each step. */
@QuarkusTest
@QuarkusTestResource(value = InMemoryBrokerResource.class, restrictToAnnotatedClass = true)
class ActorMetricsTest {

    private static double metric(String name, String... labels) {
        String page = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return Arrays.stream(page.split("\n"))
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static double commands(String type, String outcome) {
        return metric("ripple_commands_total", "actor=\"coffee-machine\"", "type=\"coffee.machine." + type + "\"",
                "outcome=\"" + outcome + "\"");
    }

    @Test
    void commandsAreCountedByTypeAndOutcome() {
        double appliedBefore = commands("brew", "applied");
        double rejectedBefore = commands("brew", "rejected");
        double duplicateBefore = commands("brew", "duplicate");
        double invalidBefore = commands("brew", "invalid");
        double decidedBefore = metric("ripple_command_step_seconds_count", "step=\"decide\"");
        String machine = "machine-" + UUID.randomUUID();

        post("coffee.machine.initialize", machine, "{}").statusCode(204);
        String brewId = newId();
        post(brewId, "coffee.machine.brew", machine, "{\"recipe\":\"espresso\"}").statusCode(204);
        post(brewId, "coffee.machine.brew", machine, "{\"recipe\":\"espresso\"}").statusCode(204);
        post("coffee.machine.brew", machine, "{\"recipe\":\"latte\"}").statusCode(204);
        post("coffee.machine.brew", machine, "{\"recipe\":").statusCode(400);

        assertThat(commands("brew", "applied") - appliedBefore).isEqualTo(1);
        assertThat(commands("brew", "duplicate") - duplicateBefore).isEqualTo(1);
        assertThat(commands("brew", "rejected") - rejectedBefore).isEqualTo(1);
        assertThat(commands("brew", "invalid") - invalidBefore).isEqualTo(1);
        // initialize, first brew and the refused brew were decided; the duplicate was not.
        assertThat(metric("ripple_command_step_seconds_count", "step=\"decide\"") - decidedBefore).isEqualTo(3);
        assertThat(metric("ripple_command_step_seconds_count", "step=\"publish\"")).isPositive();
        assertThat(metric("ripple_append_conflicts_total", "actor=\"coffee-machine\"")).isZero();
    }
}

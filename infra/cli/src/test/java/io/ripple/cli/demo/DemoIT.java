package io.ripple.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ripple demo` as a user runs it: the real CLI jar starts everything, runs the shop and stops it all. */
class DemoIT {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void theDemoServesEveryOrderPrintsTheSummaryAndLeavesNoProcess(@TempDir Path data) throws Exception {
        Path output = data.resolve("demo.out");
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                "infra/cli/target/ripple-cli.jar", "demo", "--orders", "12", "--machines", "2", "--failure-rate", "0.6",
                "--brew-duration", "300ms", "--brew-timeout", "5s", "--seed", "3", "--wait", "2m",
                "--data-dir", data.resolve("ripple").toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        List<ProcessHandle> children = new java.util.ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                demo.descendants().forEach(p -> {
                    if (children.stream().noneMatch(c -> c.pid() == p.pid())) {
                        children.add(p);
                    }
                });
                return Files.readString(output).contains("placing 12 order(s)");
            });
            assertThat(demo.waitFor(180, TimeUnit.SECONDS)).as("demo ends").isTrue();
        } finally {
            demo.destroyForcibly();
        }
        String said = Files.readString(output);

        assertThat(demo.exitValue()).as(said).isZero();
        assertThat(said).contains("=== summary ===", "orders     12 placed:", "0 not ended", "chain      p50",
                "per machine (insights)", "demo: stopping Ripple");
        assertThat(said).containsPattern("m1 +\\d+ +\\d+");
        assertThat(said).as("60 % of brews fail: some order (P > 99 %) was healed and is shown as a tree")
                .containsPattern("one healed chain \\(order-\\w+-\\d+")
                .contains("coffee.supervisor.order-retry-requested", "coffee.order.completed");
        assertThat(children).as("functions were started").isNotEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    }
}

package io.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ripple verify` end to end: the real devbroker and the real coffee-machine function jar,
 * each on a free port, the function publishing to the broker (its K_SINK); the coffee
 * machine's own scenario files replayed against it over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyIT {

    static final Path ROOT = RippleUpIT.ROOT;
    static final Path SCENARIOS = ROOT.resolve("functions/coffee-machine/src/test/resources/scenarios");

    @TempDir
    static Path data;

    private final List<Process> started = new ArrayList<>();
    private String brokerBase;
    private String functionUrl;

    @BeforeAll
    void startBrokerAndFunction() throws Exception {
        Path manifests = Files.createDirectories(data.resolve("manifests"));
        Files.copy(Path.of("src/test/resources/up-manifests/broker-default.yaml"), manifests.resolve("broker-default.yaml"));
        int brokerPort = RippleUpIT.freePort();
        brokerBase = "http://127.0.0.1:" + brokerPort + "/";
        start(List.of("-Dquarkus.http.port=" + brokerPort, "-Dripple.broker.manifests=" + manifests,
                "-Dripple.broker.data-dir=" + data.resolve("broker")), "infra/devbroker", Map.of(), "devbroker.log");

        int functionPort = RippleUpIT.freePort();
        functionUrl = "http://127.0.0.1:" + functionPort + "/";
        start(List.of(), "functions/coffee-machine", Map.of("PORT", Integer.toString(functionPort),
                "QUARKUS_HTTP_PORT", Integer.toString(functionPort), "K_SERVICE", "coffee-machine",
                "K_SINK", brokerBase + "ripple/default",
                "RIPPLE_STORE_URL", "jdbc:sqlite:" + data.resolve("coffee-machine.db")), "coffee-machine.log");

        await().atMost(Duration.ofSeconds(90)).until(() -> ready(brokerBase) && ready(functionUrl));
    }

    private void start(List<String> properties, String module, Map<String, String> env, String log) throws IOException {
        List<String> command = new ArrayList<>(List.of(RippleUpIT.java()));
        command.addAll(properties);
        command.addAll(List.of("-jar", ROOT.resolve(module).resolve("target/quarkus-app/quarkus-run.jar").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve(log).toFile());
        builder.environment().putAll(env);
        started.add(builder.start());
    }

    private static boolean ready(String base) {
        try {
            HttpRequest probe = HttpRequest.newBuilder(URI.create(base + "q/health/ready")).GET().build();
            return HttpClient.newHttpClient().send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @AfterAll
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    private CliRun verify(Path scenarios) {
        return CliRun.of("verify", scenarios.toString(), "--url", functionUrl, "--broker", brokerBase, "--timeout", "5s");
    }

    @Test
    void theCoffeeMachineMeetsItsOwnScenarios() throws IOException {
        long files;
        try (var list = Files.list(SCENARIOS)) {
            files = list.filter(f -> f.toString().endsWith(".json")).count();
        }

        CliRun run = verify(SCENARIOS);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains(files + " passed, 0 failed").doesNotContain("FAIL ");
    }

    @Test
    void aModuleDirectoryMeansItsScenarios() throws IOException {
        long files;
        try (var list = Files.list(SCENARIOS)) {
            files = list.filter(f -> f.toString().endsWith(".json")).count();
        }

        CliRun run = verify(ROOT.resolve("functions/coffee-machine"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.err()).contains("reading the module's scenarios in");
        assertThat(run.out()).contains(files + " passed, 0 failed");
    }

    @Test
    void aWrongExpectedEventFailsNamingTheScenarioAndTheDifference() throws IOException {
        Path broken = Files.createDirectories(data.resolve("broken"));
        String scenario = Files.readString(SCENARIOS.resolve("02-brew-on-ready-machine.json"))
                .replace("\"type\": \"coffee.machine.brew-started\"", "\"type\": \"coffee.machine.brewing-finished\"");
        assertThat(scenario).as("the scenario was made wrong").contains("coffee.machine.brewing-finished");
        Files.writeString(broken.resolve("02-wrong-expectation.json"), scenario);

        CliRun run = verify(broken);

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out()).contains("FAIL 02-wrong-expectation.json: brew: READY becomes BREWING",
                "expected event types [coffee.machine.brewing-finished] but got [coffee.machine.brew-started]",
                "0 passed, 1 failed");
    }
}

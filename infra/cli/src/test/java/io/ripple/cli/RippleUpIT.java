package io.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ripple up` end to end: the real CLI jar starts the real devbroker and the real
 * coffee-machine function jar on free ports; the tests drive it as a user would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RippleUpIT {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Path MANIFESTS = Path.of("src/test/resources/up-manifests").toAbsolutePath();

    @TempDir
    static Path data;

    private Process up;
    private Path output;
    private String broker;
    private final List<ProcessHandle> functionsSeen = new ArrayList<>();

    @BeforeAll
    void startRippleUp() throws IOException {
        int port = freePort();
        broker = "http://127.0.0.1:" + port + "/ripple/default";
        output = data.resolve("up.out");
        up = new ProcessBuilder(java(), "-jar", "infra/cli/target/ripple-cli.jar", "up", "--port", Integer.toString(port),
                "--manifests", MANIFESTS.toString(), "--data-dir", data.toString(), "--scale-in-window", "1s")
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        await().atMost(Duration.ofSeconds(90)).until(() -> read(output).contains("broker ingress"));
    }

    @AfterAll
    void stop() {
        if (up != null && up.isAlive()) {
            up.destroyForcibly();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private List<ProcessHandle> functions() {
        List<ProcessHandle> running = up.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("coffee-machine/target/quarkus-app"))
                .toList();
        running.forEach(p -> {
            if (functionsSeen.stream().noneMatch(seen -> seen.pid() == p.pid())) {
                functionsSeen.add(p);
            }
        });
        return running;
    }

    private String emit(String type, String subject, String data) {
        CliRun run = CliRun.of("emit", "--broker", broker, "--type", type, "--subject", subject, "--data", data);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().trim();
    }

    private List<String> typesCausedBy(String commandId) {
        List<String> types = new ArrayList<>();
        for (JsonNode entry : new BrokerQueries(URI.create(broker).resolve("/")).events(Map.of("correlationid", commandId), 0, 0)) {
            if (commandId.equals(entry.path("event").path("causationid").asText())) {
                types.add(entry.path("event").path("type").asText());
            }
        }
        return types;
    }

    @Test
    @Order(1)
    void theFirstEmitColdStartsTheFunctionAndTheCommandIsProcessed() {
        assertThat(functions()).as("scaled to zero before any event").isEmpty();
        String id = emit("coffee.machine.initialize", "machine-1", "{}");

        await().atMost(Duration.ofSeconds(60)).until(() -> typesCausedBy(id),
                types -> types.contains("coffee.machine.initialization-completed"));
        assertThat(functions()).hasSize(1);
        // The status table tells how long the cold start took until the instance was ready.
        await().atMost(Duration.ofSeconds(10)).until(this::read0, table -> java.util.regex.Pattern
                .compile("coffee-machine\\s+1/1 .*ready \\(started in \\d+ ms\\)").matcher(table).find());
    }

    @Test
    @Order(2)
    void theChainIsVisibleWithTrace() {
        String id = emit("coffee.machine.brew", "machine-1", "{\"recipe\":\"espresso\"}");

        // The command's delivery is recorded once the function answered, just after its events.
        CliRun trace = await().atMost(Duration.ofSeconds(30)).until(() -> CliRun.of("trace", "--broker", broker, id),
                run -> run.out().contains("→ coffee-machine: delivered"));
        assertThat(trace.exitCode()).as(trace.out() + trace.err()).isZero();
        assertThat(trace.out()).contains("chain " + id + ": 2 event(s)", "coffee.machine.brew",
                "→ coffee-machine: delivered", "coffee.machine.brew-started  from coffee-machine/machine-1");
    }

    @Test
    @Order(3)
    void anIdleFunctionScalesToZero() {
        await().atMost(Duration.ofSeconds(30)).until(() -> functions().isEmpty());
        assertThat(read0()).contains("scaled to zero");
    }

    @Test
    @Order(4)
    void loadStartsASecondInstance() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> sent = new ArrayList<>();
            // Sent while the function is scaled to zero: they queue at the activator, so the first
            // instance starts with far more in flight than its target of 1.
            for (int i = 0; i < 80; i++) {
                String machine = "load-" + i;
                sent.add(senders.submit(() -> emit("coffee.machine.initialize", machine, "{}")));
            }
            // The status table counts the scaler's instances: "<ready>/<instances> (max 2)".
            await().atMost(Duration.ofSeconds(60)).until(this::read0,
                    table -> java.util.regex.Pattern.compile("coffee-machine\\s+\\d/2 ").matcher(table).find());
            for (Future<String> future : sent) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }
        assertThat(functions()).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    @Order(5)
    void aTakenPortIsRefusedClearly() throws Exception {
        int taken = URI.create(broker).getPort();
        Process second = new ProcessBuilder(java(), "-jar", "infra/cli/target/ripple-cli.jar", "up", "--port",
                Integer.toString(taken), "--manifests", MANIFESTS.toString(), "--data-dir", data.resolve("second").toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = new String(second.getInputStream().readAllBytes());
        assertThat(second.exitValue()).isNotZero();
        assertThat(said).contains("port " + taken + " is taken");
    }

    @Test
    @Order(5)
    void aSecondRippleUpOnTheSameDataDirectoryIsRefused() throws Exception {
        Process second = new ProcessBuilder(java(), "-jar", "infra/cli/target/ripple-cli.jar", "up", "--port",
                Integer.toString(freePort()), "--manifests", MANIFESTS.toString(), "--data-dir", data.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = new String(second.getInputStream().readAllBytes());
        assertThat(second.exitValue()).as(said).isEqualTo(1);
        assertThat(said).contains("is in use by another `ripple up` (pid " + up.pid() + ")")
                .doesNotContain("starting the broker");
    }

    @Test
    @Order(6)
    void stoppingRippleUpLeavesNoChildProcess() throws Exception {
        List<ProcessHandle> children = new ArrayList<>(up.descendants().toList());
        children.addAll(functionsSeen);
        assertThat(children).isNotEmpty();
        up.destroy(); // SIGTERM, as Ctrl-C's SIGINT, runs the shutdown hook
        assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("ripple up exits; it said:%n%s", read0()).isTrue();
        assertThat(read0()).doesNotContain("unexpected failure", "the broker exited");
        await().atMost(Duration.ofSeconds(20)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    }

    private String read0() {
        try {
            return read(output);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

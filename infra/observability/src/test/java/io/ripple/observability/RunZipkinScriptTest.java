package io.ripple.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs zipkin/run-zipkin.sh for real: it resolves the Zipkin server from the local Maven
 * repository (downloading it from Maven Central once), serves on loopback, stores a span it
 * is sent and stops cleanly on SIGTERM. Takes ~10 s; {@code -Dripple.zipkin.skip=true} skips it.
 */
class RunZipkinScriptTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process zipkin;

    @BeforeEach
    void notSkipped() {
        Assumptions.assumeFalse(Boolean.getBoolean("ripple.zipkin.skip"), "ripple.zipkin.skip=true");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (zipkin != null && zipkin.isAlive()) {
            zipkin.destroy();
            if (!zipkin.waitFor(30, TimeUnit.SECONDS)) {
                zipkin.descendants().forEach(ProcessHandle::destroyForcibly);
                zipkin.destroyForcibly();
            }
        }
    }

    private Process start(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", RepoFiles.path(RepoFiles.ZIPKIN_SCRIPT).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        String repository = System.getProperty("maven.repo.local");
        if (repository != null && !repository.isBlank()) {
            environment.put("RIPPLE_M2_REPO", repository);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException e) {
                output.add("reading output failed: " + e);
            }
        }, "run-zipkin-output");
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void servesOnLoopbackStoresSpansAndStopsCleanlyOnSigterm() throws Exception {
        int port = freePort();
        zipkin = start(String.valueOf(port));
        String base = "http://127.0.0.1:" + port;

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> output.stream().anyMatch(line -> line.contains("Zipkin is up: UI " + base + "/zipkin/"))
                        || !zipkin.isAlive());
        assertThat(zipkin.isAlive()).as("script output: %s", output).isTrue();

        HttpResponse<String> empty = get(base + "/api/v2/services");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEqualTo("[]");

        long micros = System.currentTimeMillis() * 1000;
        String span = """
                [{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","id":"00f067aa0ba902b7","name":"coffee.machine.brew",
                  "kind":"SERVER","timestamp":%d,"duration":1500,"localEndpoint":{"serviceName":"coffee-machine"}}]
                """.formatted(micros);
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/spans"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(span)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(get(base + "/api/v2/services").body()).contains("coffee-machine"));

        assertThat(reachable("127.0.0.1", port)).isTrue();

        List<ProcessHandle> jvm = zipkin.descendants().toList();
        assertThat(jvm).as("the script runs Zipkin as its child").isNotEmpty();
        zipkin.destroy(); // SIGTERM to the script, which forwards it to the JVM
        assertThat(zipkin.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
        assertThat(zipkin.exitValue()).as("exit status, output: %s", output).isZero();
        assertThat(jvm).as("no JVM left behind").noneMatch(ProcessHandle::isAlive);
        await().atMost(Duration.ofSeconds(10)).until(() -> !reachable("127.0.0.1", port));
    }

    @Test
    void aPortThatIsNotANumberIsRefusedWithAMessage() throws Exception {
        zipkin = start("ninety");

        assertThat(zipkin.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(zipkin.exitValue()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output)
                .anySatisfy(line -> assertThat(line).contains("port must be a number from 1 to 65535, got 'ninety'")));
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket(host, port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}

package io.ripple.devbroker.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged broker ({@code target/quarkus-app/quarkus-run.jar}) as a separate process, the
 * way {@code ripple up} starts it: black-box tests talk to it over HTTP only.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // Every black-box test waits on a real process on a shared 2-core machine: be patient.
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
    }
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path manifests;
    private final Path dataDir;
    private final Path output;
    private final Map<String, String> properties;
    private int port;
    private Process process;

    private BrokerProcess(Path manifests, Path dataDir, Map<String, String> properties) throws IOException {
        this.manifests = manifests;
        this.dataDir = dataDir;
        this.properties = properties;
        this.output = Files.createTempFile("devbroker-", ".log");
    }

    /** A broker serving the manifests under {@code src/test/resources/manifests/<set>}. */
    public static Builder with(String manifestSet) {
        return new Builder(manifestsDir(manifestSet));
    }

    /** The directory of a manifest set in the test resources. */
    public static Path manifestsDir(String manifestSet) {
        try {
            return Path.of(BrokerProcess.class.getResource("/manifests/" + manifestSet).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no manifest set " + manifestSet, e);
        }
    }

    /** Configures a broker before starting it. */
    public static final class Builder {
        private final Path manifests;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Path dataDir;

        private Builder(Path manifests) {
            this.manifests = manifests;
        }

        /** {@code ripple.broker.services.<name>=<url>}. */
        public Builder service(String name, URI url) {
            return property("ripple.broker.services." + name, url.toString());
        }

        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Starts it and waits until {@code /q/health/ready} says UP. */
        public BrokerProcess start() {
            try {
                Path data = dataDir != null ? dataDir : Files.createTempDirectory("devbroker-data-");
                BrokerProcess broker = new BrokerProcess(manifests, data, Map.copyOf(properties));
                broker.launch();
                broker.awaitReady();
                return broker;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Starts it expecting startup to fail; returns the exit code and output. */
        public Failed startExpectingFailure() {
            try {
                Path data = dataDir != null ? dataDir : Files.createTempDirectory("devbroker-data-");
                BrokerProcess broker = new BrokerProcess(manifests, data, Map.copyOf(properties));
                broker.launch();
                if (!broker.process.waitFor(90, TimeUnit.SECONDS)) {
                    broker.kill();
                    throw new AssertionError("broker did not stop although startup should fail:\n" + broker.output());
                }
                return new Failed(broker.process.exitValue(), broker.output());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A startup that failed. */
    public record Failed(int exitCode, String output) {
    }

    private void launch() throws IOException {
        port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Quick start and little CPU on a shared 2-core machine.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx256m");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dripple.broker.manifests=" + manifests);
        command.add("-Dripple.broker.data-dir=" + dataDir);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar().toString());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
    }

    private static Path jar() {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests with mvn verify (after package)");
        }
        return jar;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("broker exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(url("/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS); // poll interval, ends early if it dies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        kill();
        throw new AssertionError("broker not ready within 90 s:\n" + output());
    }

    /** Stops it with SIGKILL ({@code kill -9}): no shutdown hook, no flush. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the same broker again (same manifests, data directory and properties, new port). */
    public void restart() {
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The broker's data directory (its SQLite log is {@code broker.db} in it). */
    public Path dataDir() {
        return dataDir;
    }

    /** The ingress of broker {@code ripple/default}. */
    public URI ingress() {
        return url("/ripple/default");
    }

    /** GET of a JSON resource of the query API; fails unless 200. */
    public JsonNode getJson(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(url(path)).GET().build());
    }

    public HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(url(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Everything the process printed so far. */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<no output: " + e.getMessage() + ">";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

package io.ripple.cli.up;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Zipkin of {@code ripple up --tracing}: {@code infra/observability/zipkin/run-zipkin.sh}
 * (which resolves {@code io.zipkin:zipkin-server} from Maven Central with Maven, once, and binds
 * it to 127.0.0.1 with in-memory storage), run as a child process.
 */
final class ZipkinServer {

    private ZipkinServer() {
    }

    /** The spans endpoint (Zipkin v2 JSON) that the broker and the functions export to. */
    static String spansEndpoint(int port) {
        return baseUrl(port) + "/api/v2/spans";
    }

    static String baseUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Starts Zipkin on {@code port} and waits until {@code /health} answers.
     *
     * @return the running server, or {@code null} when it did not come up in time (see the log)
     */
    static ChildProcess start(Path root, int port, Path log, Duration timeout) throws InterruptedException {
        Path script = root.resolve("infra/observability/zipkin/run-zipkin.sh");
        if (!Files.isRegularFile(script)) {
            throw new io.ripple.cli.CliException("no " + root.relativize(script) + ": run ripple from the repository root");
        }
        ChildProcess zipkin = ChildProcess.startCommand("zipkin", List.of("bash", script.toString(),
                Integer.toString(port)), Map.of("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                port, "/health", log);
        if (!zipkin.awaitReady(timeout)) {
            zipkin.stop(Duration.ofSeconds(10));
            return null;
        }
        return zipkin;
    }
}

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Starts each variant's jar directly, again and again in turns, with its own AOT cache and ripple
 * up's JVM options, and prints the median time from exec to ready (/q/health/ready polled every
 * 5 ms) and to the answer of a first command, against the first variant. Run by extension-cost.sh.
 * A function that publishes its events (the coffee machine) sends them to a sink here that
 * answers 202, as the broker's ingress would.
 *
 *   java ExtensionCost.java <java> <rounds> <work-dir> <name=jar:ce-type> ...
 */
public class ExtensionCost {

    static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:TrimNativeHeapInterval=1000", "-Xss512k", "-Xms16m", "-XX:NewRatio=4", "-Xmx96m",
            "-XX:MaxMetaspaceSize=96m", "-XX:ReservedCodeCacheSize=16m");
    static final int PORT = freePort();
    static String sinkUrl;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    record Variant(String name, Path jar, String type) {
    }

    record Start(double readyMillis, double answerMillis, int status) {
    }

    public static void main(String[] args) throws Exception {
        String java = args[0];
        int rounds = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]);
        List<Variant> variants = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            String[] nameRest = args[i].split("=", 2);
            int colon = nameRest[1].lastIndexOf(':');
            variants.add(new Variant(nameRest[0], Path.of(nameRest[1].substring(0, colon)), nameRest[1].substring(colon + 1)));
        }
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sink.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders("POST".equals(exchange.getRequestMethod()) ? 202 : 200, -1);
            exchange.close();
        });
        sink.start();
        sinkUrl = "http://127.0.0.1:" + sink.getAddress().getPort() + "/";
        Path nativeDir = work.resolve("native");
        List<String> sqlite = List.of("-Dorg.sqlite.lib.path=" + nativeDir, "-Dorg.sqlite.lib.name=libsqlitejdbc.so",
                "-Dorg.sqlite.tmpdir=" + nativeDir);
        // As ripple up does: a first start (creates a store, if any), then one that records the cache.
        for (Variant v : variants) {
            Path cache = work.resolve(v.name() + ".aot");
            if (!Files.exists(cache)) {
                start(java, work, v, sqlite, List.of(), true);
                start(java, work, v, sqlite, List.of("-XX:AOTCacheOutput=" + cache, "-XX:+UnlockDiagnosticVMOptions",
                        "-XX:-AOTRecordTraining"), true);
            }
        }
        Map<String, List<Start>> results = new LinkedHashMap<>();
        variants.forEach(v -> results.put(v.name(), new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < variants.size(); k++) {
                Variant v = variants.get((round + k) % variants.size()); // each round starts with another one
                Thread.sleep(700);
                results.get(v.name()).add(start(java, work, v, sqlite, List.of("-XX:AOTCache=" + work.resolve(v.name() + ".aot"),
                        "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining"), false));
            }
        }
        double baseReady = median(results.get(variants.get(0).name()), true);
        double baseAnswer = median(results.get(variants.get(0).name()), false);
        for (var entry : results.entrySet()) {
            double ready = median(entry.getValue(), true);
            double answer = median(entry.getValue(), false);
            System.out.printf("%-15s ready %6.1f ms (%+6.1f)   first answer %6.1f ms (%+6.1f)   statuses %s   starts %d%n",
                    entry.getKey(), ready, ready - baseReady, answer, answer - baseAnswer,
                    entry.getValue().stream().map(Start::status).distinct().sorted().toList(), entry.getValue().size());
        }
        sink.stop(0);
    }

    static Start start(String java, Path work, Variant v, List<String> sqlite, List<String> cache, boolean settle)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(OPTIONS);
        command.addAll(cache);
        command.addAll(sqlite);
        command.addAll(List.of("-Dquarkus.http.port=" + PORT, "-jar", v.jar().toString()));
        Path dir = Files.createDirectories(work.resolve("run-" + v.name()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("output.log").toFile()));
        builder.environment().put("K_SINK", sinkUrl);
        long t0 = System.nanoTime();
        Process process = builder.start();
        try {
            while (!ready()) {
                if (!process.isAlive() || System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(60)) {
                    throw new IllegalStateException(v.name() + " did not become ready; see " + dir.resolve("output.log"));
                }
                Thread.sleep(5);
            }
            long tReady = System.nanoTime();
            String id = UUID.randomUUID().toString();
            HttpRequest command0 = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/"))
                    .header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", "/extension-cost")
                    .header("ce-type", v.type()).header("ce-subject", "m-" + id).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            int status = HTTP.send(command0, HttpResponse.BodyHandlers.discarding()).statusCode();
            long tAnswer = System.nanoTime();
            if (settle) {
                Thread.sleep(1500);
            }
            return new Start((tReady - t0) / 1e6, (tAnswer - t0) / 1e6, status);
        } finally {
            process.destroy(); // SIGTERM: a recording JVM writes its AOT cache on the way out
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static int freePort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    static double median(List<Start> starts, boolean ready) {
        double[] values = starts.stream().mapToDouble(s -> ready ? s.readyMillis() : s.answerMillis()).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}

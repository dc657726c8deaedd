package io.ripple.cli.up;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Starts each variant's jar the way {@code ripple up} starts a function ({@link FunctionLauncher}:
 * its JVM options, environment and class cache, recorded on the second start and loaded after),
 * but with no broker in between, again and again in turns; prints the median time from the start
 * to ready ({@code /q/health/ready} probed every 5 ms) and to the answer of a first command,
 * against the first variant. A function that publishes its events sends them to a sink here that
 * answers 202, as the broker's ingress would. Run by {@code bench/extension-cost.sh}.
 *
 * <p>With {@code knative} probing, readiness is probed the way Knative's queue-proxy probes a
 * starting container, every 50 ms, at a phase the function does not choose: round {@code r}
 * probes at 10·(r mod 5) ms after the start and every 50 ms after that, so every variant
 * meets the same five phases, and the command is sent as soon as a probe succeeds. The means
 * then estimate a scale-from-zero start under Knative, whose probe phase no one controls.
 *
 * <pre>java -cp ... io.ripple.cli.up.ExtensionCost java rounds work-dir fine|knative name=jar:ce-type ...</pre>
 */
public final class ExtensionCost {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int KNATIVE_PHASES = 5;
    private static final long FINE_PROBE_PAUSE_MILLIS = 5;

    record Variant(ServiceSpec service, String commandType) {
    }

    record Start(double readyMillis, double answerMillis, int status) {
    }

    private ExtensionCost() {
    }

    public static void main(String[] args) throws Exception {
        String java = args[0];
        int rounds = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]);
        boolean knative = switch (args[3]) {
            case "knative" -> true;
            case "fine" -> false;
            default -> throw new IllegalArgumentException("probing must be fine or knative, not " + args[3]);
        };
        List<Variant> variants = new ArrayList<>();
        for (String arg : Arrays.asList(args).subList(4, args.length)) {
            String[] nameRest = arg.split("=", 2);
            int colon = nameRest[1].lastIndexOf(':');
            variants.add(new Variant(new ServiceSpec(nameRest[0], Path.of(nameRest[1].substring(0, colon)), Map.of(),
                    ServiceSpec.DEFAULT_TARGET, 0, 1, ServiceSpec.DEFAULT_RETENTION), nameRest[1].substring(colon + 1)));
        }
        HttpServer sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sink.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders("POST".equals(exchange.getRequestMethod()) ? 202 : 200, -1);
            exchange.close();
        });
        sink.start();
        try {
            measure(java, rounds, work, knative, variants, "http://127.0.0.1:" + sink.getAddress().getPort() + "/");
        } finally {
            sink.stop(0); // its thread would keep this JVM alive after a failed start
        }
    }

    private static void measure(String java, int rounds, Path work, boolean knative, List<Variant> variants,
            String sink) throws Exception {
        FunctionLauncher launcher = new FunctionLauncher(sink,
                work.resolve("logs"), FunctionJvm.forDataDir(java, List.of(UpCommand.DEFAULT_JVM_OPTIONS.split(" ")), true,
                        work), Map.of());
        int port = FreePorts.any();
        // As under ripple up: the first start creates the function's store, the second records its cache.
        for (Variant variant : variants) {
            start(launcher, variant, port, -1);
            start(launcher, variant, port, -1);
            String name = variant.service().name();
            if (!Files.isRegularFile(work.resolve("class-cache").resolve(name + ".aot"))
                    && !Files.isRegularFile(work.resolve("class-cache").resolve(name + ".jsa"))) {
                throw new IllegalStateException("no class cache recorded for " + name + ": the measured starts would"
                        + " not be the cached starts ripple up makes; see " + launcher.logs().resolve(name + ".log"));
            }
        }
        Map<String, List<Start>> results = new LinkedHashMap<>();
        variants.forEach(v -> results.put(v.service().name(), new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < variants.size(); k++) {
                Variant variant = variants.get((round + k) % variants.size()); // each round starts with another one
                Thread.sleep(700);
                long phase = knative ? (round % KNATIVE_PHASES) * (ChildProcess.KNATIVE_PROBE_INTERVAL_MILLIS / KNATIVE_PHASES) : -1;
                results.get(variant.service().name()).add(start(launcher, variant, port, phase));
            }
        }
        System.out.println(knative ? "readiness probed every 50 ms at phases 0-40 ms (Knative's queue-proxy)"
                : "readiness probed every 5 ms");
        List<Start> base = results.get(variants.get(0).service().name());
        for (var entry : results.entrySet()) {
            double ready = median(entry.getValue(), true);
            double answer = median(entry.getValue(), false);
            double meanAnswer = mean(entry.getValue());
            System.out.printf("%-15s ready %6.1f ms (%+6.1f)   first answer %6.1f ms (%+6.1f, x%.2f)   mean answer %6.1f ms"
                            + " (x%.2f)   statuses %s   starts %d%n",
                    entry.getKey(), ready, ready - median(base, true), answer, answer - median(base, false),
                    answer / median(base, false), meanAnswer, meanAnswer / mean(base),
                    entry.getValue().stream().map(Start::status).distinct().sorted().toList(), entry.getValue().size());
        }
    }

    /** @param phaseMillis when the first of the 50 ms probes comes after the start; negative: probe every 5 ms */
    private static Start start(FunctionLauncher launcher, Variant variant, int port, long phaseMillis)
            throws Exception {
        long t0 = System.nanoTime();
        ChildProcess child = launcher.start(variant.service(), port);
        try {
            long nextProbe = t0 + Math.max(phaseMillis, 0) * 1_000_000;
            while (true) {
                pauseUntil(nextProbe);
                if (child.isReady()) {
                    break;
                }
                if (!child.isAlive() || System.nanoTime() - t0 > Duration.ofSeconds(60).toNanos()) {
                    throw new IllegalStateException(variant.service().name() + " did not become ready; see "
                            + launcher.logs().resolve(variant.service().name() + ".log"));
                }
                nextProbe = phaseMillis < 0 ? System.nanoTime() + FINE_PROBE_PAUSE_MILLIS * 1_000_000
                        : nextProbe + ChildProcess.KNATIVE_PROBE_INTERVAL_MILLIS * 1_000_000;
            }
            long ready = System.nanoTime();
            String id = UUID.randomUUID().toString();
            HttpRequest command = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", "/extension-cost")
                    .header("ce-type", variant.commandType()).header("ce-subject", "m-" + id)
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            int status = HTTP.send(command, HttpResponse.BodyHandlers.discarding()).statusCode();
            long answered = System.nanoTime();
            return new Start((ready - t0) / 1e6, (answered - t0) / 1e6, status);
        } finally {
            child.stop(STOP_GRACE); // a recording instance writes its cache first, as under ripple up
            child.onExit().join();
        }
    }

    private static void pauseUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    private static double mean(List<Start> starts) {
        return starts.stream().mapToDouble(Start::answerMillis).average().orElse(Double.NaN);
    }

    private static double median(List<Start> starts, boolean ready) {
        double[] values = starts.stream().mapToDouble(s -> ready ? s.readyMillis() : s.answerMillis()).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}

package io.ripple.devbroker.bench;

import static io.ripple.devbroker.bench.BenchArgs.intArg;
import static io.ripple.devbroker.bench.BenchArgs.stringArg;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Throughput and latency of the dev broker against raw HTTP on this machine, in one run:
 *
 * <ol>
 *   <li>raw: POST 1 KiB binary CloudEvents straight to a trivial subscriber (204), N events,
 *       C in flight, with a pooled keep-alive Vert.x client;</li>
 *   <li>broker: the same client, payload and concurrency POST to the ingress of the packaged
 *       broker (a separate JVM, durable log with fsync), which delivers to the same subscriber
 *       through an unordered trigger; the rate counts events <em>delivered</em>;</li>
 *   <li>latency: open-loop at a fixed rate (default 1,000 ev/s), time from the scheduled send
 *       to the subscriber's receipt (so a stall is not hidden by a waiting sender), p50/p99.</li>
 * </ol>
 *
 * Only loopback addresses are used; every phase is bounded by its event count and a deadline.
 * Run with {@code infra/devbroker/bench/run.sh [--events N] [--concurrency C] [--rate R]
 * [--seconds S] [--rounds R] [--fsync true|false] [--compare-jdk-client]}.
 */
public final class BrokerBenchmark {

    private static final int PAYLOAD = 1024;
    private static final Duration PHASE_DEADLINE = Duration.ofMinutes(3);

    private final int events;
    private final int rounds;
    private final int concurrency;
    private final int rate;
    private final int seconds;
    private final boolean fsync;
    private final boolean compareJdkClient;
    private final Vertx vertx = Vertx.vertx();
    private final Buffer payload;

    // Subscriber side.
    private final AtomicLong received = new AtomicLong();
    private volatile long[] latencies = new long[0];
    private final AtomicInteger latencyCount = new AtomicInteger();
    private volatile long receivedTarget = Long.MAX_VALUE;
    private volatile CountDownLatch allReceived = new CountDownLatch(0);
    private volatile String phase = "none";

    private BrokerBenchmark(String[] args) {
        this.events = intArg(args, "--events", 20_000);
        this.rounds = intArg(args, "--rounds", 3);
        this.concurrency = intArg(args, "--concurrency", 64);
        this.rate = intArg(args, "--rate", 1_000);
        this.seconds = intArg(args, "--seconds", 10);
        this.fsync = Boolean.parseBoolean(stringArg(args, "--fsync", "true"));
        this.compareJdkClient = Arrays.asList(args).contains("--compare-jdk-client");
        byte[] data = new byte[PAYLOAD];
        Arrays.fill(data, (byte) 'x');
        data[0] = '"';
        data[PAYLOAD - 1] = '"';
        this.payload = Buffer.buffer(data);
    }

    public static void main(String[] args) throws Exception {
        new BrokerBenchmark(args).run();
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "devbroker benchmark: %d rounds of %d events, concurrency %d, payload %d B,"
                + " fsync %s, latency at %d ev/s for %d s; %d cores, load average %s%n", rounds, events, concurrency,
                PAYLOAD, fsync,
                rate, seconds, Runtime.getRuntime().availableProcessors(), loadAverage());
        HttpServer subscriber = startSubscriber();
        URI subscriberUrl = URI.create("http://127.0.0.1:" + subscriber.actualPort() + "/");
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(concurrency).setMaxWaitQueueSize(-1));

        try (BrokerJvm broker = BrokerJvm.start(subscriberUrl, fsync, concurrency)) {
            URI ingress = broker.ingress();
            // Warm-up: both JVMs compile their hot paths (C2) before anything is measured.
            closedLoop(client, subscriberUrl, events, "raw-warmup");
            closedLoop(client, ingress, events, "broker-warmup");
            closedLoop(client, ingress, events, "broker-warmup-2");
            // (a) and (b) alternate, so that load from other processes hits both alike.
            double[] raw = new double[rounds];
            double[] brokered = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                long benchCpu = cpuMillis(ProcessHandle.current().pid());
                raw[round] = closedLoop(client, subscriberUrl, events, "raw-" + round);
                long rawCpu = cpuMillis(ProcessHandle.current().pid()) - benchCpu;
                benchCpu = cpuMillis(ProcessHandle.current().pid());
                long brokerCpu = cpuMillis(broker.pid());
                brokered[round] = closedLoop(client, ingress, events, "broker-" + round);
                benchCpu = cpuMillis(ProcessHandle.current().pid()) - benchCpu;
                brokerCpu = cpuMillis(broker.pid()) - brokerCpu;
                // CPU per event tells the cost apart from the load other processes put on the machine.
                System.out.printf(Locale.ROOT, "round %d: raw %,.0f ev/s (%.0f us CPU/event), broker %,.0f ev/s"
                        + " (%.0f us CPU/event in the broker JVM + %.0f us in the load generator and subscriber);"
                        + " load %s%n", round + 1, raw[round], rawCpu * 1000.0 / events, brokered[round],
                        brokerCpu * 1000.0 / events, benchCpu * 1000.0 / events, loadAverage());
            }
            double rawMedian = median(raw);
            double brokerMedian = median(brokered);
            System.out.printf(Locale.ROOT, "raw loopback POST (vert.x client), median of %d: %,.0f ev/s%n", rounds,
                    rawMedian);
            System.out.printf(Locale.ROOT, "broker ingress -> log -> trigger -> subscriber, median of %d: %,.0f ev/s%n",
                    rounds, brokerMedian);
            System.out.printf(Locale.ROOT, "broker/raw ratio: %.2f%n", brokerMedian / rawMedian);
            if (compareJdkClient) {
                jdkClosedLoop(subscriberUrl, Math.min(events, 5_000), "jdk-warmup");
                double jdk = jdkClosedLoop(subscriberUrl, events, "jdk");
                System.out.printf(Locale.ROOT, "raw loopback POST (java.net.http client): %,.0f ev/s%n", jdk);
            }

            // (c) latency at a fixed rate
            openLoop(client, ingress, Math.min(rate, 2_000), 2, "latency-warmup");
            long[] sorted = openLoop(client, ingress, rate, seconds, "latency");
            System.out.printf(Locale.ROOT, "ingress-to-delivery latency at %d ev/s (%d events): p50 %.2f ms,"
                    + " p99 %.2f ms, max %.2f ms%n", rate, sorted.length, percentile(sorted, 0.50) / 1e6,
                    percentile(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6);
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
        client.close();
        subscriber.close();
        vertx.close();
    }

    /** The trivial subscriber: 204 to everything, counts the current phase and its latencies. */
    private HttpServer startSubscriber() throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String eventPhase = request.getHeader("ce-benchphase");
            if (phase.equals(eventPhase)) {
                String sent = request.getHeader("ce-benchsent");
                if (sent != null) {
                    long latency = System.nanoTime() - Long.parseLong(sent);
                    int index = latencyCount.getAndIncrement();
                    long[] into = latencies;
                    if (index < into.length) {
                        into[index] = latency;
                    }
                }
                if (received.incrementAndGet() == receivedTarget) {
                    allReceived.countDown();
                }
            }
            request.response().setStatusCode(204).end();
        }));
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private void startPhase(String name, long expected) {
        received.set(0);
        latencyCount.set(0);
        receivedTarget = expected;
        allReceived = new CountDownLatch(1);
        phase = name;
    }

    private void awaitPhase(String name) throws InterruptedException {
        if (!allReceived.await(PHASE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + ": only " + received.get() + " of " + receivedTarget
                    + " events arrived within " + PHASE_DEADLINE);
        }
    }

    /** N events, C in flight; the rate counts events received by the subscriber. */
    private double closedLoop(HttpClient client, URI target, int count, String name) throws Exception {
        startPhase(name, count);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        for (int worker = 0; worker < concurrency; worker++) {
            sendNext(client, target, count, next, failures, name);
        }
        awaitPhase(name);
        long elapsed = System.nanoTime() - start;
        if (failures.get() > 0) {
            System.out.printf("%s: %d requests failed%n", name, failures.get());
        }
        return count / (elapsed / 1e9);
    }

    private void sendNext(HttpClient client, URI target, int count, AtomicInteger next, AtomicInteger failures,
            String name) {
        int index = next.getAndIncrement();
        if (index >= count) {
            return;
        }
        post(client, target, name, index, System.nanoTime()).whenComplete((status, failure) -> {
            if (failure != null || (status != 202 && status != 204)) {
                failures.incrementAndGet();
            }
            sendNext(client, target, count, next, failures, name);
        });
    }

    /** Sends at fixed times (open loop); returns the sorted latencies. */
    private long[] openLoop(HttpClient client, URI target, int perSecond, int durationSeconds, String name)
            throws Exception {
        int count = perSecond * durationSeconds;
        latencies = new long[count];
        startPhase(name, count);
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            post(client, target, name, i, due);
        }
        awaitPhase(name);
        long[] sorted = Arrays.copyOf(latencies, Math.min(count, latencyCount.get()));
        Arrays.sort(sorted);
        return sorted;
    }

    private CompletableFuture<Integer> post(HttpClient client, URI target, String name, int index, long sentNanos) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("ce-specversion", "1.0")
                .add("ce-id", name + "-" + index)
                .add("ce-source", "/bench")
                .add("ce-type", "bench.event")
                .add("ce-benchphase", name)
                .add("ce-benchsent", Long.toString(sentNanos))
                .add("Content-Type", "application/json");
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target.toString())
                .setHeaders(headers);
        return client.request(options)
                .compose(request -> request.send(payload))
                .compose(response -> response.body().map(b -> response.statusCode()))
                .toCompletionStage().toCompletableFuture();
    }

    /** The raw phase with java.net.http instead (same payload and concurrency), to compare clients. */
    private double jdkClosedLoop(URI target, int count, String name) throws Exception {
        startPhase(name, count);
        java.net.http.HttpClient jdk = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int worker = 0; worker < concurrency; worker++) {
            workers.add(jdkWorker(jdk, target, count, next, name));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(PHASE_DEADLINE.toMillis(),
                TimeUnit.MILLISECONDS);
        awaitPhase(name);
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private CompletableFuture<Void> jdkWorker(java.net.http.HttpClient jdk, URI target, int count,
            AtomicInteger next, String name) {
        int index = next.getAndIncrement();
        if (index >= count) {
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest request = HttpRequest.newBuilder(target)
                .header("ce-specversion", "1.0").header("ce-id", name + "-" + index).header("ce-source", "/bench")
                .header("ce-type", "bench.event").header("ce-benchphase", name)
                .header("ce-benchsent", Long.toString(System.nanoTime())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload.getBytes())).build();
        return jdk.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenCompose(response -> jdkWorker(jdk, target, count, next, name));
    }

    /** user + system CPU time of a process, from /proc (Linux); 0 elsewhere. */
    private static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The packaged broker in its own JVM, with a generated broker + trigger pointing at the subscriber. */
    private static final class BrokerJvm implements AutoCloseable {
        private final Process process;
        private final int port;
        private final Path dir;

        private BrokerJvm(Process process, int port, Path dir) {
            this.process = process;
            this.port = port;
            this.dir = dir;
        }

        static BrokerJvm start(URI subscriber, boolean fsync, int concurrency) throws Exception {
            Path dir = ScratchDirs.create("devbroker-bench-");
            Path manifests = Files.createDirectories(dir.resolve("manifests"));
            Files.writeString(manifests.resolve("broker-default.yaml"), """
                    apiVersion: eventing.knative.dev/v1
                    kind: Broker
                    metadata:
                      name: default
                      namespace: ripple
                    """);
            Files.writeString(manifests.resolve("trigger-bench.yaml"), """
                    apiVersion: eventing.knative.dev/v1
                    kind: Trigger
                    metadata:
                      name: bench
                      namespace: ripple
                    spec:
                      broker: default
                      subscriber:
                        uri: %s
                    """.formatted(subscriber));
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
            // Extra JVM options for the broker, e.g. a JFR recording: BENCH_BROKER_OPTS=-XX:StartFlightRecording=...
            String extra = System.getenv("BENCH_BROKER_OPTS");
            if (extra != null && !extra.isBlank()) {
                command.addAll(List.of(extra.trim().split("\\s+")));
            }
            command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dripple.broker.manifests=" + manifests,
                    "-Dripple.broker.data-dir=" + dir.resolve("data"), "-Dripple.broker.fsync=" + fsync,
                    "-Dripple.broker.delivery.max-concurrency=" + concurrency, "-jar", jar.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("broker.log").toFile()).start();
            BrokerJvm broker = new BrokerJvm(process, port, dir);
            java.net.http.HttpClient probe = java.net.http.HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    if (probe.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return broker;
                    }
                } catch (IOException e) {
                    // not up yet
                }
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
            String log = Files.readString(dir.resolve("broker.log"));
            broker.close();
            throw new IllegalStateException("broker did not start: " + log);
        }

        URI ingress() {
            return URI.create("http://127.0.0.1:" + port + "/ripple/default");
        }

        long pid() {
            return process.pid();
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(20, TimeUnit.SECONDS);
            }
            ScratchDirs.remove(dir);
        }
    }
}

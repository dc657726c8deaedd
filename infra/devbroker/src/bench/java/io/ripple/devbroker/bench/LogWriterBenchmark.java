package io.ripple.devbroker.bench;

import static io.ripple.devbroker.bench.BenchArgs.intArg;
import static io.ripple.devbroker.bench.BenchArgs.stringArg;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.ripple.devbroker.log.CloudEventJson;
import io.ripple.devbroker.log.DeliveryOutcome;
import io.ripple.devbroker.log.DeliveryRecord;
import io.ripple.devbroker.log.EventLog;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durable log's writer alone, without HTTP: {@code --clients} chains each append an event
 * (1 KiB JSON data, a random UUID id, as the broker's ingress does) and, once it is committed,
 * its delivery record, as the broker does per event and trigger. Prints the log writer thread's
 * CPU time per event and the commits' throughput, per round; CPU per event is the figure that
 * other processes on the machine disturb least.
 *
 * <p>{@code java -cp ... io.ripple.devbroker.bench.LogWriterBenchmark [--events N] [--rounds R]
 * [--clients C] [--fsync true|false]} (bench/log-writer.sh).
 */
public final class LogWriterBenchmark {

    private static final String WRITER_THREAD = "ripple-log-writer";

    public static void main(String[] args) throws Exception {
        int events = intArg(args, "--events", 50_000);
        int rounds = intArg(args, "--rounds", 5);
        int clients = intArg(args, "--clients", 64);
        boolean fsync = Boolean.parseBoolean(stringArg(args, "--fsync", "true"));
        byte[] data = ("{\"payload\":\"" + "x".repeat(1024 - 14) + "\"}").getBytes(StandardCharsets.UTF_8);
        Path dir = ScratchDirs.create("devbroker-log-bench-");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ExecutorService loop = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "bench-loop"));
        System.out.printf("log writer benchmark: %d rounds of %d events, %d clients, fsync %s, data %d B%n",
                rounds, events, clients, fsync, data.length);
        double[] cpuPerEvent = new double[rounds];
        try (EventLog log = EventLog.open(dir, fsync)) {
            long writer = writerThreadId();
            for (int round = 0; round <= rounds; round++) {
                long cpuBefore = threads.getThreadCpuTime(writer);
                long started = System.nanoTime();
                runRound(log, loop, events, clients, data);
                double seconds = (System.nanoTime() - started) / 1e9;
                double cpuMicros = (threads.getThreadCpuTime(writer) - cpuBefore) / 1e3 / events;
                String label = round == 0 ? "warm-up" : "round " + round;
                System.out.printf("%s: %,.0f events/s, log writer CPU %.1f us/event%n", label, events / seconds,
                        cpuMicros);
                if (round > 0) {
                    cpuPerEvent[round - 1] = cpuMicros;
                }
            }
        } finally {
            loop.shutdownNow();
            ScratchDirs.remove(dir);
        }
        Arrays.sort(cpuPerEvent);
        System.out.printf("log writer CPU per event (event + delivery record), median of %d: %.1f us%n", rounds,
                cpuPerEvent[rounds / 2]);
    }

    private static void runRound(EventLog log, ExecutorService loop, int events, int clients, byte[] data)
            throws InterruptedException {
        AtomicLong issued = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            loop.execute(() -> next(log, loop, events, issued, done, data));
        }
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("round did not finish in 5 minutes");
        }
    }

    /** One client: append, then record its delivery, then the next event, until the round's events are issued. */
    private static void next(EventLog log, ExecutorService loop, int events, AtomicLong issued, CountDownLatch done,
            byte[] data) {
        if (issued.incrementAndGet() > events) {
            done.countDown();
            return;
        }
        CloudEvent event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withSource(URI.create("/bench")).withType("bench.event").withExtension("knativebrokerttl", 255)
                .withData("application/json", data).build();
        long now = System.currentTimeMillis();
        log.append("ripple/default", event, CloudEventJson.serialize(event), now)
                .thenComposeAsync(stored -> log.record(new DeliveryRecord("ripple/bench", stored.seq(),
                        DeliveryOutcome.DELIVERED, 1, 202, null, now, System.currentTimeMillis())), loop)
                .thenRunAsync(() -> next(log, loop, events, issued, done, data), loop)
                .exceptionally(failure -> {
                    failure.printStackTrace();
                    done.countDown();
                    return null;
                });
    }

    private static long writerThreadId() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(WRITER_THREAD))
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + WRITER_THREAD + " thread")).getId();
    }

    private LogWriterBenchmark() {
    }
}

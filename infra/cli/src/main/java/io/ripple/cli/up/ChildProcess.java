package io.ripple.cli.up;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.TimeUnit;

/**
 * A Java application started by {@code ripple up}, its output appended to a log file, and
 * stopped with its whole process tree so that no orphan survives Ctrl-C.
 */
final class ChildProcess {

    /** Knative's queue-proxy: the {@code retryInterval} of its aggressive readiness probing. */
    static final long KNATIVE_PROBE_INTERVAL_MILLIS = 50;

    // HTTP/1.1 as Knative's queue-proxy probes by default: the JDK client otherwise asks every new
    // connection to upgrade to h2c, work for both sides while the function is still starting.
    private static final HttpClient PROBE = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(500)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final String readyPath;
    /** Set for a JVM that writes a class cache when it exits, which takes a while. */
    private volatile Duration exitTakes = Duration.ZERO;
    /** Run by {@link #stop(Duration)} while the process still runs, before it is signalled. */
    private volatile Runnable beforeStop = () -> { };

    private ChildProcess(String name, Process process, int port, String readyPath) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.readyPath = readyPath;
    }

    /** Starts {@code command}, ready once {@code readyPath} answers 200. */
    static ChildProcess startCommand(String name, List<String> command, Map<String, String> env, int port,
            String readyPath, Path log) {
        try {
            return new ChildProcess(name, launch(command, env, log), port, readyPath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Starts {@code command} with {@code env}, its output and errors appended to {@code log}. */
    private static Process launch(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Files.createDirectories(log.getParent());
        return builder.start();
    }

    /** Starts {@code java [jvmOptions] [systemProperties] -jar jar} with the JDK running the CLI. */
    static ChildProcess start(String name, Path jar, List<String> jvmOptions, Map<String, String> systemProperties,
            Map<String, String> env, int port, Path log) {
        return start(Path.of(System.getProperty("java.home"), "bin", "java"), name, jar, jvmOptions, systemProperties,
                env, port, log);
    }

    /** Starts {@code java [jvmOptions] [systemProperties] -jar jar} with the given {@code java}. */
    static ChildProcess start(Path java, String name, Path jar, List<String> jvmOptions, Map<String, String> systemProperties,
            Map<String, String> env, int port, Path log) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        return startCommand(name, command, env, port, "/q/health/ready", log);
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Completes when the process has exited. */
    java.util.concurrent.CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Gives this process at least {@code time} to exit when stopped (e.g. to write its class cache). */
    void exitTakes(Duration time) {
        exitTakes = time;
    }

    /** Something to do to the running process just before a stop signals it (e.g. end its cache recording). */
    void beforeStop(Runnable action) {
        beforeStop = action;
    }

    /**
     * Runs {@code command} to its end (killed after {@code timeout}), its output appended to
     * {@code log}: that is where a failure shows, for a command whose failure has a fallback.
     */
    static void runToEnd(List<String> command, Path log, Duration timeout) {
        try {
            Process run = launch(command, Map.of(), log);
            if (!run.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                run.destroyForcibly();
            }
        } catch (IOException e) {
            // not started (e.g. the executable is gone): the caller's fallback applies
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the readiness path ({@code /q/health/ready}, the probe Knative would use) answers 200. */
    boolean isReady() {
        return answersReady(URI.create("http://127.0.0.1:" + port + readyPath));
    }

    /** One readiness probe: whether {@code url} answers 200. */
    static boolean answersReady(URI url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build();
            return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The wait before the next readiness probe: Knative's queue-proxy probes a starting container
     * every 50 ms ("aggressive probing"); the first probes come sooner, for a function that starts
     * quickly. Until 2026-11-27 the waits grew to 100 ms, which made a cold start up to 100 ms
     * longer than Knative's own probing would (docs/benchmarks.md, "Tenth session").
     */
    static long nextProbePause(long pauseMillis) {
        return Math.min(pauseMillis * 2, KNATIVE_PROBE_INTERVAL_MILLIS);
    }

    /**
     * Probes readiness until it answers, the process dies, or {@code timeout} passes.
     *
     * @return true when ready
     */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 10;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            if (isReady()) {
                return true;
            }
            process.waitFor(pause, TimeUnit.MILLISECONDS);
            pause = nextProbePause(pause);
        }
        return false;
    }

    /**
     * The {@link #beforeStop(Runnable)} action, SIGTERM to the tree, then SIGKILL to what is left
     * after the grace period (or the time {@link #exitTakes(Duration)} asked for, if longer).
     */
    void stop(Duration grace) {
        if (process.isAlive()) {
            beforeStop.run();
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        Duration wait = grace.compareTo(exitTakes) >= 0 ? grace : exitTakes;
        long deadline = System.nanoTime() + wait.toNanos();
        for (ProcessHandle handle : tree) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception timeoutOrInterrupt) {
                handle.destroyForcibly();
            }
        }
    }
}

package io.ripple.cli.up;

import io.ripple.cli.CliException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run Ripple on this machine: the local Knative broker (infra/devbroker) and Knative Serving",
                "emulation for every Knative Service in the manifests. A function is started on its first",
                "delivery (scale from zero), gets more instances while in-flight requests per instance exceed",
                "its autoscaling target (up to max-scale), and is stopped when idle (scale to zero). A Service",
                "with min-scale (the timer service) starts with ripple up and never goes below it.",
                "Logs: .ripple/logs/<service>.log. Ctrl-C stops everything."})
public class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--manifests", defaultValue = "knative/base", description = "directory of Knative manifests (default: ${DEFAULT-VALUE})")
    Path manifests;

    @Option(names = "--port", defaultValue = "8080", description = "broker port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data-dir", defaultValue = ".ripple", description = "state and logs (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--idle", description = "scale-to-zero retention for Services without the annotation (default: 60s)",
            defaultValue = "60s")
    Duration idle;

    @Option(names = "--scale-in-window", defaultValue = "10s",
            description = "how long an extra instance stays idle before it is removed (default: ${DEFAULT-VALUE})")
    Duration scaleInWindow;

    // A function is small and mostly idle or just started: serial GC and C1 only, and native
    // memory freed after the start (the compiler's arenas, about 5 MB) goes back to the system
    // within seconds instead of staying in the C library's free lists. A young generation of a
    // fifth of the heap instead of a third: the eden a start touches stays resident while idle
    // (2 MB less); it still grows with the heap under load. Compile thresholds four times the
    // default: a start then compiles about half as much, its code cache stays under the growth that
    // makes the JVM collect the whole heap to clean it (a 14 ms pause in every coffee-machine start),
    // and an idle function holds 2 MB less; a new instance under load reaches full speed a few seconds
    // later (docs/benchmarks.md, seventeenth session).
    static final String DEFAULT_JVM_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=4"
            + " -XX:TrimNativeHeapInterval=1000 -Xss512k -Xms16m -XX:NewRatio=4 -Xmx96m -XX:MaxMetaspaceSize=96m"
            + " -XX:ReservedCodeCacheSize=16m";

    @Option(names = "--jvm-options", split = " ", defaultValue = DEFAULT_JVM_OPTIONS,
            description = "JVM options of every function (default: ${DEFAULT-VALUE})")
    List<String> jvmOptions;

    @Option(names = "--java", defaultValue = "${env:RIPPLE_FUNCTION_JAVA}",
            description = {"java executable or JDK directory that runs the functions (default: $RIPPLE_FUNCTION_JAVA,",
                    "else the JDK running ripple). A JDK 25 or newer starts them faster with an AOT cache."})
    String functionJava;

    @Option(names = "--class-cache", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"keep a class cache per function under <data-dir>/class-cache: recorded on its second start",
                    "(the first migrates its store), loaded on the next ones (JDK 25+: AOT cache; older: AppCDS).",
                    "Default: on."})
    boolean classCache;

    @Option(names = "--tracing", description = {"start a local Zipkin (io.zipkin:zipkin-server, resolved from Maven Central",
            "once) on 127.0.0.1 and send the broker's and every function's spans to it"})
    boolean tracing;

    @Option(names = "--zipkin-port", defaultValue = "9411", description = "with --tracing: Zipkin's port (default: ${DEFAULT-VALUE})")
    int zipkinPort;

    @Option(names = "--ready-timeout", defaultValue = "60s", description = "how long a starting instance may take (default: ${DEFAULT-VALUE})")
    Duration readyTimeout;

    @Override
    public Integer call() throws Exception {
        checkPort("--port", port);
        if (readyTimeout.isZero() || readyTimeout.isNegative()) {
            throw new CliException("--ready-timeout must be longer than 0, not " + readyTimeout.toMillis() + " ms:"
                    + " no instance could ever become ready");
        }
        if (tracing) {
            checkPort("--zipkin-port", zipkinPort);
        }
        try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
            return run();
        }
    }

    private int run() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path zipkinFile = dataDir.resolve(io.ripple.cli.ZipkinLocation.FILE);
        ChildProcess zipkin = tracing ? startZipkin(out, zipkinFile) : null;
        // Tracing is off by default (near-zero cost); on, the broker and every function export to
        // the local Zipkin, within a second, for watching a chain as it runs.
        Map<String, String> tracingEnv = tracing ? Map.of("QUARKUS_OTEL_SDK_DISABLED", "false",
                "RIPPLE_TRACING_ZIPKIN", ZipkinServer.spansEndpoint(zipkinPort), "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "1s")
                : Map.of();
        LocalRipple ripple;
        try {
            ripple = LocalRipple.start(new LocalRipple.Settings(manifests, port, dataDir, idle, scaleInWindow,
                    jvmOptions, readyTimeout, tracingEnv, functionJava, classCache), out);
        } catch (RuntimeException e) {
            stopZipkin(zipkin, zipkinFile);
            throw e;
        }
        if (tracing) {
            out.printf("ripple: tracing on — traces at %s/zipkin/ (ripple trace <id> prints each chain's link)%n",
                    ZipkinServer.baseUrl(zipkinPort));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        out.printf("ripple: broker ingress %s — send events with: ./ripple emit --type ... --subject ...%n",
                ripple.ingress());
        out.printf("ripple: every Service answers at %s, e.g. %s/insights (started on demand)%n",
                ripple.urlOf("<service>"), ripple.urlOf("insights"));
        out.flush();
        ripple.table().print();
        AtomicBoolean stopping = new AtomicBoolean();
        Thread shutdown = new Thread(() -> {
            stopping.set(true);
            ripple.close();
            stopZipkin(zipkin, zipkinFile);
            stopped.countDown();
        }, "ripple-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                // A broker stopped by the shutdown hook (or by the terminal's Ctrl-C, which reaches it
                // too) is no failure: the hook is stopping everything.
                if (!stopping.get() && !ripple.brokerAlive() && !shuttingDown(shutdown)) {
                    ripple.close();
                    stopZipkin(zipkin, zipkinFile);
                    throw new CliException("the broker exited: see " + dataDir.resolve("logs/devbroker.log"));
                }
            }
        } catch (InterruptedException e) {
            ripple.close();
            stopZipkin(zipkin, zipkinFile);
            throw e;
        }
        return 0;
    }

    /** Starts Zipkin and records its URL where {@code emit} and {@code trace} look for it. */
    private ChildProcess startZipkin(PrintWriter out, Path zipkinFile) throws InterruptedException {
        if (FreePorts.isTaken(zipkinPort)) {
            throw new CliException("--zipkin-port " + zipkinPort + " is taken: stop what uses it or choose another");
        }
        Path log = dataDir.resolve("logs").resolve("zipkin.log");
        out.printf("ripple: starting Zipkin on http://127.0.0.1:%d (log: %s)%n", zipkinPort, log);
        out.flush();
        ChildProcess zipkin = ZipkinServer.start(Path.of("").toAbsolutePath(), zipkinPort, log, Duration.ofMinutes(3));
        if (zipkin == null) {
            throw new CliException("Zipkin did not start: see " + log);
        }
        try {
            Files.writeString(zipkinFile, ZipkinServer.baseUrl(zipkinPort) + "\n");
        } catch (IOException e) {
            stopZipkin(zipkin, zipkinFile);
            throw new CliException("cannot write " + zipkinFile + ": " + e.getMessage());
        }
        return zipkin;
    }

    /** Zipkin stops last, after the processes that flush their spans to it on shutdown. */
    private static void stopZipkin(ChildProcess zipkin, Path zipkinFile) {
        if (zipkin != null) {
            zipkin.stop(Duration.ofSeconds(10));
            try {
                Files.deleteIfExists(zipkinFile);
            } catch (IOException e) {
                // A stale file only makes emit/trace print a dead link; nothing to undo.
            }
        }
    }

    /**
     * Whether the JVM is shutting down, taking {@code hook} off otherwise: removing a hook is refused
     * once the shutdown has begun, and that refusal is how the main thread can tell.
     */
    private static boolean shuttingDown(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }

    /** A TCP port to listen on, refused before anything starts (the JDK would only say "out of range"). */
    static void checkPort(String option, int port) {
        if (port < 1 || port > 65_535) {
            throw new CliException(option + " must be a port from 1 to 65535, not " + port);
        }
    }
}

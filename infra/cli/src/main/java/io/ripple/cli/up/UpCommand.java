package io.ripple.cli.up;

import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.serving.v1.Service;
import io.ripple.cli.CliException;
import io.ripple.manifests.ManifestSet;
import io.ripple.manifests.Problem;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run Ripple on this machine: the local Knative broker (infra/devbroker) and Knative Serving",
                "emulation for every Knative Service in the manifests. A function is started on its first",
                "delivery (scale from zero), gets more instances while in-flight requests per instance exceed",
                "its autoscaling target (up to max-scale), and is stopped when idle (scale to zero).",
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

    @Option(names = "--jvm-options", split = " ", defaultValue = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx96m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m",
            description = "JVM options of every function (default: ${DEFAULT-VALUE})")
    List<String> jvmOptions;

    @Option(names = "--tracing", description = {"start a local Zipkin (io.zipkin:zipkin-server, resolved from Maven Central",
            "once) on 127.0.0.1 and send the broker's and every function's spans to it"})
    boolean tracing;

    @Option(names = "--zipkin-port", defaultValue = "9411", description = "with --tracing: Zipkin's port (default: ${DEFAULT-VALUE})")
    int zipkinPort;

    @Option(names = "--ready-timeout", defaultValue = "60s", description = "how long a starting instance may take (default: ${DEFAULT-VALUE})")
    Duration readyTimeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path root = Path.of("").toAbsolutePath();
        ManifestSet set = readManifests();
        Broker broker = set.ofType(Broker.class).stream().map(ManifestSet.Typed::resource).findFirst()
                .orElseThrow(() -> new CliException(manifests + ": no Broker resource: nothing would deliver events"));
        if (FreePorts.isTaken(port)) {
            throw new CliException("port " + port + " is taken: stop what uses it or choose another with --port");
        }
        List<ServiceSpec> services = set.ofType(Service.class).stream()
                .map(typed -> ServiceSpec.from(typed.resource(), root, idle)).toList();
        Path devbrokerJar = root.resolve("infra/devbroker/target/quarkus-app/quarkus-run.jar");
        List<String> missing = new ArrayList<>();
        if (!Files.isRegularFile(devbrokerJar)) {
            missing.add(root.relativize(devbrokerJar).toString());
        }
        services.stream().filter(s -> !Files.isRegularFile(s.jar())).forEach(s -> missing.add(root.relativize(s.jar()).toString()));
        if (!missing.isEmpty()) {
            throw new CliException("not built: " + String.join(", ", missing) + " (run ./ripple, which builds them, or mvn -B install -DskipTests)");
        }

        String namespace = broker.getMetadata().getNamespace() == null ? "default" : broker.getMetadata().getNamespace();
        String ingress = "http://127.0.0.1:" + port + "/" + namespace + "/" + broker.getMetadata().getName();
        Path logs = dataDir.resolve("logs");
        Files.createDirectories(logs);
        StatusTable table = new StatusTable(out);
        if (tracing && FreePorts.isTaken(zipkinPort)) {
            throw new CliException("--zipkin-port " + zipkinPort + " is taken: stop what uses it or choose another");
        }
        // Tracing is off by default (near-zero cost); on, every process exports to the local Zipkin.
        // A local Zipkin is for watching a chain as it runs: spans leave within a second.
        Map<String, String> tracingEnv = tracing ? Map.of("QUARKUS_OTEL_SDK_DISABLED", "false",
                "RIPPLE_TRACING_ZIPKIN", ZipkinServer.spansEndpoint(zipkinPort), "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "1s")
                : Map.of();
        FunctionLauncher launcher = new FunctionLauncher(ingress, logs, jvmOptions, tracingEnv);
        ServingEmulator serving = new ServingEmulator(services, launcher, readyTimeout, scaleInWindow,
                Duration.ofMinutes(5), table::changed);
        ChildProcess devbroker = null;
        ChildProcess timers = null;
        ChildProcess zipkin = null;
        Path zipkinFile = dataDir.resolve(io.ripple.cli.ZipkinLocation.FILE);
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            if (tracing) {
                out.printf("ripple: starting Zipkin on http://127.0.0.1:%d (log: %s)%n", zipkinPort, logs.resolve("zipkin.log"));
                out.flush();
                zipkin = ZipkinServer.start(root, zipkinPort, logs.resolve("zipkin.log"), Duration.ofMinutes(3));
                if (zipkin == null) {
                    throw new CliException("Zipkin did not start: see " + logs.resolve("zipkin.log"));
                }
                try {
                    Files.writeString(zipkinFile, ZipkinServer.baseUrl(zipkinPort) + "\n");
                } catch (java.io.IOException e) {
                    throw new CliException("cannot write " + zipkinFile + ": " + e.getMessage());
                }
            }
            serving.start();
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("quarkus.http.port", Integer.toString(port));
            properties.put("ripple.broker.manifests", manifests.toAbsolutePath().toString());
            properties.put("ripple.broker.data-dir", dataDir.resolve("broker").toAbsolutePath().toString());
            for (ServiceSpec service : services) {
                properties.put("ripple.broker.services." + service.name(), serving.urlOf(service.name()));
            }
            if (tracing) {
                properties.put("quarkus.otel.sdk.disabled", "false");
                properties.put("ripple.tracing.zipkin", ZipkinServer.spansEndpoint(zipkinPort));
                properties.put("quarkus.otel.bsp.schedule.delay", "1s");
            }
            out.printf("ripple: starting the broker on http://127.0.0.1:%d (log: %s)%n", port, logs.resolve("devbroker.log"));
            out.flush();
            devbroker = ChildProcess.start("devbroker", devbrokerJar, List.of(), properties, Map.of(), port,
                    logs.resolve("devbroker.log"));
            if (!devbroker.awaitReady(Duration.ofSeconds(60))) {
                throw new CliException("the broker did not become ready: see " + logs.resolve("devbroker.log"));
            }
            timers = startTimerService(root, ingress, logs);
            table.register(serving.scalers().values(), devbroker);
            out.printf("ripple: broker ingress %s — send events with: ./ripple emit --type ... --subject ...%n", ingress);
            if (tracing) {
                out.printf("ripple: tracing on — traces at %s/zipkin/ (ripple trace <id> prints each chain's link)%n",
                        ZipkinServer.baseUrl(zipkinPort));
            }
            out.flush();
            table.print();
            ChildProcess broker0 = devbroker;
            ChildProcess timers0 = timers;
            ChildProcess zipkin0 = zipkin;
            Thread shutdown = new Thread(() -> {
                serving.close();
                if (timers0 != null) {
                    timers0.stop(Duration.ofSeconds(10));
                }
                broker0.stop(Duration.ofSeconds(10));
                stopZipkin(zipkin0, zipkinFile);
                stopped.countDown();
            }, "ripple-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdown);
            while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                if (!devbroker.isAlive()) {
                    Runtime.getRuntime().removeShutdownHook(shutdown);
                    throw new CliException("the broker exited: see " + logs.resolve("devbroker.log"));
                }
            }
            return 0;
        } catch (CliException | InterruptedException e) {
            serving.close();
            if (timers != null) {
                timers.stop(Duration.ofSeconds(10));
            }
            if (devbroker != null) {
                devbroker.stop(Duration.ofSeconds(10));
            }
            stopZipkin(zipkin, zipkinFile);
            throw e;
        }
    }

    /** Zipkin stops last, after the processes that flush their spans to it on shutdown. */
    private static void stopZipkin(ChildProcess zipkin, Path zipkinFile) {
        if (zipkin != null) {
            zipkin.stop(Duration.ofSeconds(10));
            try {
                Files.deleteIfExists(zipkinFile);
            } catch (java.io.IOException e) {
                // A stale file only makes emit/trace print a dead link; nothing to undo.
            }
        }
    }

    /**
     * The timer service fires durable timers while every actor is scaled to zero, so it is
     * not scaled: like its {@code min-scale: 1} Service in a cluster, it runs for as long as
     * {@code ripple up} does, watching the actors' stores under the data directory.
     */
    private ChildProcess startTimerService(Path root, String ingress, Path logs) throws InterruptedException {
        Path jar = root.resolve("functions/timer-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            spec.commandLine().getOut().println("ripple: no timer service built (" + root.relativize(jar)
                    + "); durable timers will not fire");
            return null;
        }
        int timerPort = FreePorts.any();
        Map<String, String> env = new java.util.HashMap<>(Map.of("K_SINK", ingress, "PORT", Integer.toString(timerPort),
                "QUARKUS_HTTP_PORT", Integer.toString(timerPort),
                "RIPPLE_TIMERS_SQLITE_FOLDER", dataDir.resolve("data").toAbsolutePath().toString()));
        if (tracing) {
            env.put("QUARKUS_OTEL_SDK_DISABLED", "false");
            env.put("RIPPLE_TRACING_ZIPKIN", ZipkinServer.spansEndpoint(zipkinPort));
            env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "1s");
        }
        ChildProcess timers = ChildProcess.start("timer-service", jar, jvmOptions, Map.of(), env, timerPort,
                logs.resolve("timer-service.log"));
        if (!timers.awaitReady(readyTimeout)) {
            spec.commandLine().getOut().println("ripple: the timer service did not become ready (see "
                    + logs.resolve("timer-service.log") + "); durable timers will not fire");
        } else {
            spec.commandLine().getOut().printf("ripple: timer service on port %d (log: %s)%n", timerPort,
                    logs.resolve("timer-service.log"));
        }
        return timers;
    }

    private ManifestSet readManifests() {
        if (!Files.isDirectory(manifests)) {
            throw new CliException("no manifest directory at " + manifests.toAbsolutePath());
        }
        ManifestSet set = ManifestSet.readDirectory(manifests);
        List<Problem> problems = set.loadProblems();
        if (!problems.isEmpty()) {
            throw new CliException("the manifests have problems (ripple validate tells more):\n  "
                    + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
        }
        return set;
    }
}

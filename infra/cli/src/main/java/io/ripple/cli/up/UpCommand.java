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
import java.util.Optional;
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

    @Option(names = "--jvm-options", split = " ", defaultValue = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms16m -Xmx96m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=16m",
            description = "JVM options of every function (default: ${DEFAULT-VALUE})")
    List<String> jvmOptions;

    @Option(names = "--java", defaultValue = "${env:RIPPLE_FUNCTION_JAVA}",
            description = {"java executable or JDK directory that runs the functions (default: $RIPPLE_FUNCTION_JAVA,",
                    "else the JDK running ripple). A JDK 25 or newer starts them faster with an AOT cache."})
    String functionJava;

    @Option(names = "--class-cache", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"keep a class cache per function under <data-dir>/class-cache: recorded on its first run,",
                    "loaded on the next ones (JDK 25+: AOT cache; older: AppCDS). Default: on."})
    boolean classCache;

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
        FunctionJvm jvm = FunctionJvm.of(functionJava, jvmOptions,
                classCache ? Optional.of(dataDir.resolve("class-cache").toAbsolutePath()) : Optional.empty());
        FunctionLauncher launcher = new FunctionLauncher(ingress, logs, jvm, Map.of());
        ServingEmulator serving = new ServingEmulator(services, launcher, readyTimeout, scaleInWindow,
                Duration.ofMinutes(5), table::changed);
        ChildProcess devbroker = null;
        ChildProcess timers = null;
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            serving.start();
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("quarkus.http.port", Integer.toString(port));
            properties.put("ripple.broker.manifests", manifests.toAbsolutePath().toString());
            properties.put("ripple.broker.data-dir", dataDir.resolve("broker").toAbsolutePath().toString());
            for (ServiceSpec service : services) {
                properties.put("ripple.broker.services." + service.name(), serving.urlOf(service.name()));
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
            out.flush();
            table.print();
            ChildProcess broker0 = devbroker;
            ChildProcess timers0 = timers;
            Thread shutdown = new Thread(() -> {
                serving.close();
                if (timers0 != null) {
                    timers0.stop(Duration.ofSeconds(10));
                }
                broker0.stop(Duration.ofSeconds(10));
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
            throw e;
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
        Map<String, String> env = Map.of("K_SINK", ingress, "PORT", Integer.toString(timerPort),
                "QUARKUS_HTTP_PORT", Integer.toString(timerPort),
                "RIPPLE_TIMERS_SQLITE_FOLDER", dataDir.resolve("data").toAbsolutePath().toString());
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

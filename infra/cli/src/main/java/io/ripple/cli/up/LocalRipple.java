package io.ripple.cli.up;

import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.serving.v1.Service;
import io.ripple.cli.CliException;
import io.ripple.manifests.ManifestSet;
import io.ripple.manifests.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Ripple running on this machine: the devbroker and the Serving emulator for every Knative
 * Service of the manifests, started together and stopped together. {@code ripple up} runs
 * one until Ctrl-C; {@code ripple demo} runs one for the length of the demo.
 */
public final class LocalRipple implements AutoCloseable {

    /**
     * How to run it.
     *
     * @param extraEnv     environment added to every function and to the broker (the simulator's
     *                     settings, where to send spans)
     * @param functionJava java executable or JDK home that runs the functions; {@code null}: the CLI's
     * @param classCache   keep a class cache per function under {@code <dataDir>/class-cache}
     */
    public record Settings(Path manifests, int port, Path dataDir, Duration idle, Duration scaleInWindow,
            List<String> jvmOptions, Duration readyTimeout, Map<String, String> extraEnv,
            String functionJava, boolean classCache) {

        /** Functions on {@code $RIPPLE_FUNCTION_JAVA} (else the CLI's JDK), with a class cache. */
        public Settings(Path manifests, int port, Path dataDir, Duration idle, Duration scaleInWindow,
                List<String> jvmOptions, Duration readyTimeout, Map<String, String> extraEnv) {
            this(manifests, port, dataDir, idle, scaleInWindow, jvmOptions, readyTimeout, extraEnv,
                    System.getenv("RIPPLE_FUNCTION_JAVA"), true);
        }
    }

    private final ServingEmulator serving;
    private final ChildProcess devbroker;
    private final String ingress;
    private final StatusTable table;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private LocalRipple(ServingEmulator serving, ChildProcess devbroker, String ingress, StatusTable table) {
        this.serving = serving;
        this.devbroker = devbroker;
        this.ingress = ingress;
        this.table = table;
    }

    /** Starts the broker and the Serving emulator; functions with min-scale start at once, the others on demand. */
    public static LocalRipple start(Settings settings, PrintWriter out) throws InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        ManifestSet set = readManifests(settings.manifests());
        Broker broker = set.ofType(Broker.class).stream().map(ManifestSet.Typed::resource).findFirst()
                .orElseThrow(() -> new CliException(settings.manifests()
                        + ": no Broker resource: nothing would deliver events"));
        if (FreePorts.isTaken(settings.port())) {
            throw new CliException("port " + settings.port()
                    + " is taken: stop what uses it or choose another with --port");
        }
        List<ServiceSpec> services = set.ofType(Service.class).stream()
                .map(typed -> ServiceSpec.from(typed.resource(), root, settings.idle())).toList();
        Path devbrokerJar = root.resolve("infra/devbroker/target/quarkus-app/quarkus-run.jar");
        List<String> missing = new ArrayList<>();
        if (!Files.isRegularFile(devbrokerJar)) {
            missing.add(root.relativize(devbrokerJar).toString());
        }
        services.stream().filter(s -> !Files.isRegularFile(s.jar()))
                .forEach(s -> missing.add(root.relativize(s.jar()).toString()));
        if (!missing.isEmpty()) {
            throw new CliException("not built: " + String.join(", ", missing)
                    + " (run ./ripple, which builds them, or mvn -B install -DskipTests)");
        }

        String namespace = broker.getMetadata().getNamespace() == null ? "default" : broker.getMetadata().getNamespace();
        int port = settings.port();
        String ingress = "http://127.0.0.1:" + port + "/" + namespace + "/" + broker.getMetadata().getName();
        Path dataDir = settings.dataDir();
        Path logs = dataDir.resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StatusTable table = new StatusTable(out);
        FunctionJvm jvm = FunctionJvm.forDataDir(settings.functionJava(), settings.jvmOptions(), settings.classCache(),
                settings.dataDir());
        FunctionLauncher launcher = new FunctionLauncher(ingress, logs, jvm, settings.extraEnv());
        ServingEmulator serving = new ServingEmulator(services, launcher, settings.readyTimeout(),
                settings.scaleInWindow(), Duration.ofMinutes(5), table::changed);
        ChildProcess devbroker = null;
        try {
            serving.start();
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("quarkus.http.port", Integer.toString(port));
            properties.put("ripple.broker.manifests", settings.manifests().toAbsolutePath().toString());
            properties.put("ripple.broker.data-dir", dataDir.resolve("broker").toAbsolutePath().toString());
            for (ServiceSpec service : services) {
                properties.put("ripple.broker.services." + service.name(), serving.urlOf(service.name()));
            }
            out.printf("ripple: starting the broker on http://127.0.0.1:%d (log: %s)%n", port,
                    logs.resolve("devbroker.log"));
            out.flush();
            devbroker = ChildProcess.start("devbroker", devbrokerJar, List.of(), properties, settings.extraEnv(), port,
                    logs.resolve("devbroker.log"));
            if (!devbroker.awaitReady(Duration.ofSeconds(60))) {
                throw new CliException("the broker did not become ready: see " + logs.resolve("devbroker.log"));
            }
            table.register(serving.scalers().values(), devbroker);
            return new LocalRipple(serving, devbroker, ingress, table);
        } catch (RuntimeException | InterruptedException e) {
            serving.close();
            if (devbroker != null) {
                devbroker.stop(Duration.ofSeconds(10));
            }
            throw e;
        }
    }

    /** The broker ingress, {@code http://127.0.0.1:<port>/<namespace>/<broker>}. */
    public String ingress() {
        return ingress;
    }

    /** Where a Service is reached through the Serving emulator (as the broker reaches it). */
    public String urlOf(String service) {
        return serving.urlOf(service);
    }

    public boolean brokerAlive() {
        return devbroker.isAlive();
    }

    StatusTable table() {
        return table;
    }

    /** Stops every function and the broker; once (a shutdown hook and a finally may both call it). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        serving.close();
        devbroker.stop(Duration.ofSeconds(10));
    }

    private static ManifestSet readManifests(Path manifests) {
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

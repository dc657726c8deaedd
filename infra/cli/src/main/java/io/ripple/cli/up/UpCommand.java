package io.ripple.cli.up;

import io.ripple.cli.CliException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        LocalRipple ripple = LocalRipple.start(new LocalRipple.Settings(manifests, port, dataDir, idle, scaleInWindow,
                jvmOptions, readyTimeout, Map.of(), functionJava, classCache), out);
        CountDownLatch stopped = new CountDownLatch(1);
        out.printf("ripple: broker ingress %s — send events with: ./ripple emit --type ... --subject ...%n",
                ripple.ingress());
        out.printf("ripple: every Service answers at %s, e.g. %s/insights (started on demand)%n",
                ripple.urlOf("<service>"), ripple.urlOf("insights"));
        out.flush();
        ripple.table().print();
        Thread shutdown = new Thread(() -> {
            ripple.close();
            stopped.countDown();
        }, "ripple-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                if (!ripple.brokerAlive()) {
                    Runtime.getRuntime().removeShutdownHook(shutdown);
                    ripple.close();
                    throw new CliException("the broker exited: see " + dataDir.resolve("logs/devbroker.log"));
                }
            }
        } catch (InterruptedException e) {
            ripple.close();
            throw e;
        }
        return 0;
    }
}

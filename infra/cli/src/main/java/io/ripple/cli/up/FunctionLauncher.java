package io.ripple.cli.up;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts function instances the way Knative Serving starts containers: with {@code PORT},
 * {@code K_SERVICE}, {@code K_SINK} (what the SinkBinding injects in a cluster) and the
 * Service's literal {@code env}.
 *
 * @param sink        the broker ingress URL, given to every function as {@code K_SINK}
 * @param logs        directory of the per-service log files
 * @param jvm         the Java runtime, options and class caches of every function
 * @param extraEnv    environment added to every function (e.g. tracing endpoint)
 */
record FunctionLauncher(String sink, Path logs, FunctionJvm jvm, Map<String, String> extraEnv) {

    /** How long an instance that records its class cache may take to exit. */
    static final Duration RECORDING_EXIT = Duration.ofSeconds(60);

    ChildProcess start(ServiceSpec service, int port) {
        Map<String, String> env = new HashMap<>();
        // Local state lives under ripple up's data directory, whatever the working directory:
        // the event store of each actor, the insights database, and where the timer service looks.
        Path state = logs.getParent().resolve("data").toAbsolutePath();
        env.put("RIPPLE_STORE_URL", "jdbc:sqlite:" + state.resolve(service.name() + ".db"));
        // In a folder of its own: the timer service watches every *.db directly in `state`.
        env.put("RIPPLE_INSIGHTS_DB", state.resolve("insights").resolve("insights.db").toString());
        env.put("RIPPLE_TIMERS_SQLITE_FOLDER", state.toString());
        env.putAll(service.env());
        env.putAll(extraEnv);
        env.put("PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("K_SERVICE", service.name());
        env.put("K_SINK", sink);
        List<String> options = jvm.optionsFor(service.name(), service.jar());
        Path log = logs.resolve(service.name() + ".log");
        ChildProcess child = ChildProcess.start(jvm.java(), service.name(), service.jar(), options, Map.of(), env, port,
                log);
        if (FunctionJvm.records(options)) {
            // Writing the cache takes seconds (JDK 25 assembles it in a second JVM): a stop
            // must not kill it halfway, and a failed recording is retried next start. Where the
            // JDK can, the cache is written before the stop's signal, without shutdown's classes;
            // if that fails, the JVM still writes it at exit.
            child.exitTakes(RECORDING_EXIT);
            jvm.endRecordingCommand(child.pid()).ifPresent(
                    command -> child.beforeStop(() -> ChildProcess.runToEnd(command, log, RECORDING_EXIT)));
            child.onExit().thenRun(() -> jvm.recordingEnded(service.name()));
        }
        return child;
    }
}

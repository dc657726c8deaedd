package io.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AOT cache's life through the launcher, on a real JDK 25 and the real coffee-machine jar:
 * the first start records nothing, the second records and writes its cache when it is stopped
 * but before the stop's signal (so the shutdown's classes stay out), and the third loads it.
 */
class ClassCacheRecordingIT {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Path JAR = ROOT.resolve("functions/coffee-machine/target/quarkus-app/quarkus-run.jar");

    @TempDir
    Path data;

    private static Optional<Path> jdk25() {
        return Stream.of(System.getenv("RIPPLE_FUNCTION_JAVA"), "/usr/lib/jvm/temurin-25-jdk-amd64")
                .filter(home -> home != null && !home.isBlank()).map(Path::of)
                .filter(home -> Files.isExecutable(home.resolve("bin/jcmd")))
                .filter(home -> FunctionJvm.of(home.toString(), List.of(), Optional.empty()).feature() >= 25)
                .findFirst();
    }

    @Test
    void theSecondStartWritesItsCacheBeforeTheStopSignalAndTheThirdLoadsIt() throws Exception {
        Optional<Path> home = jdk25();
        assumeTrue(home.isPresent(), "needs a JDK 25 (RIPPLE_FUNCTION_JAVA or /usr/lib/jvm/temurin-25-jdk-amd64)");
        FunctionJvm jvm = FunctionJvm.forDataDir(home.get().toString(),
                List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx96m"), true, data);
        Path logs = Files.createDirectories(data.resolve("logs"));
        FunctionLauncher launcher = new FunctionLauncher("http://127.0.0.1:9/nowhere/default", logs, jvm, Map.of());
        ServiceSpec service = new ServiceSpec("coffee-machine", JAR, Map.of(), 100, 0, 1, Duration.ofSeconds(60));
        Path log = logs.resolve("coffee-machine.log");
        Path cache = data.resolve("class-cache/coffee-machine.aot");

        runOnce(launcher, service);
        assertThat(cache).as("the first start migrates the store and records nothing").doesNotExist();

        runOnce(launcher, service);
        String recorded = Files.readString(log);
        assertThat(cache).isNotEmptyFile();
        int written = recorded.lastIndexOf("AOTCache creation is complete");
        int stopped = recorded.lastIndexOf("coffee-machine stopped in");
        assertThat(recorded).contains("Recording ended successfully");
        assertThat(written).as("the cache is written before the shutdown begins:%n%s", recorded).isPositive()
                .isLessThan(stopped);

        long before = Files.size(log);
        runOnce(launcher, service);
        String third = Files.readString(log).substring((int) before);
        // A cache the JVM cannot use is a [warning][aot] or [error][aot] line (class path, options).
        assertThat(third).contains("coffee-machine stopped in").doesNotContain("][aot]").doesNotContain("AOTCache creation");
        assertThat(jvm.optionsFor("coffee-machine", JAR)).contains("-XX:AOTCache=" + cache.toAbsolutePath());
    }

    private static void runOnce(FunctionLauncher launcher, ServiceSpec service) throws Exception {
        ChildProcess instance = launcher.start(service, FreePorts.any());
        try {
            assertThat(instance.awaitReady(Duration.ofSeconds(60))).as("the function became ready").isTrue();
        } finally {
            instance.stop(Duration.ofSeconds(10));
        }
        assertThat(instance.isAlive()).isFalse();
    }
}

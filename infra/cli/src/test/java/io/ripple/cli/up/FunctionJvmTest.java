package io.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.cli.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionJvmTest {

    @TempDir
    Path dir;

    private static final List<String> COMMON = List.of("-XX:+UseSerialGC");

    private Path jar() throws Exception {
        Path jar = dir.resolve("quarkus-run.jar");
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        return jar;
    }

    /** The service's first start in this data directory, which records nothing (it migrates its store). */
    private static List<String> firstStart(FunctionJvm jvm, String service, Path jar) {
        List<String> options = jvm.optionsFor(service, jar);
        assertThat(options).containsExactly("-XX:+UseSerialGC");
        return options;
    }

    @Test
    void onJdk25TheSecondStartRecordsAnAotCacheAndTheNextOnesLoadIt() throws Exception {
        Path jar = jar();
        Path caches = dir.resolve("class-cache");
        FunctionJvm jvm = new FunctionJvm(Path.of("java"), 25, COMMON, Optional.of(caches));
        firstStart(jvm, "coffee-machine", jar);

        assertThat(jvm.optionsFor("coffee-machine", jar))
                .containsExactly("-XX:+UseSerialGC", "-XX:AOTCacheOutput=" + caches.resolve("coffee-machine.aot"),
                        "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining");
        Files.writeString(caches.resolve("coffee-machine.aot"), "cache"); // what the JVM writes at exit

        assertThat(jvm.optionsFor("coffee-machine", jar)).containsExactly("-XX:+UseSerialGC",
                "-XX:AOTCache=" + caches.resolve("coffee-machine.aot"), "-XX:+UnlockDiagnosticVMOptions",
                "-XX:-AOTReplayTraining");
    }

    @Test
    void theFirstStartIsRememberedAcrossRuns() throws Exception {
        Path jar = jar();
        Path caches = dir.resolve("class-cache");
        firstStart(new FunctionJvm(Path.of("java"), 25, COMMON, Optional.of(caches)), "coffee-machine", jar);

        FunctionJvm nextRun = new FunctionJvm(Path.of("java"), 25, COMMON, Optional.of(caches));

        assertThat(FunctionJvm.records(nextRun.optionsFor("coffee-machine", jar))).isTrue();
        assertThat(FunctionJvm.records(nextRun.optionsFor("barista", jar))).isFalse(); // its own first start
    }

    @Test
    void aSecondInstanceStartedWhileTheFirstRecordsGetsNoCache() throws Exception {
        Path jar = jar();
        FunctionJvm jvm = new FunctionJvm(Path.of("java"), 25, COMMON, Optional.of(dir.resolve("class-cache")));
        firstStart(jvm, "coffee-machine", jar);

        assertThat(FunctionJvm.records(jvm.optionsFor("coffee-machine", jar))).isTrue();

        assertThat(jvm.optionsFor("coffee-machine", jar)).containsExactly("-XX:+UseSerialGC");
    }

    @Test
    void aRecordingThatLeftNoCacheIsRetriedOnTheNextStart() throws Exception {
        Path jar = jar();
        FunctionJvm jvm = new FunctionJvm(Path.of("java"), 25, COMMON, Optional.of(dir.resolve("class-cache")));
        firstStart(jvm, "coffee-machine", jar);
        List<String> recording = jvm.optionsFor("coffee-machine", jar);
        assertThat(FunctionJvm.records(recording)).isTrue();

        jvm.recordingEnded("coffee-machine"); // killed before it wrote the cache

        assertThat(FunctionJvm.records(jvm.optionsFor("coffee-machine", jar))).isTrue();
    }

    @Test
    void aCacheOlderThanTheJarIsRecordedAgain() throws Exception {
        Path caches = Files.createDirectories(dir.resolve("class-cache"));
        Path cache = Files.writeString(caches.resolve("order.jsa"), "old");
        Files.setLastModifiedTime(cache, FileTime.from(Instant.parse("2025-01-01T00:00:00Z")));
        FunctionJvm jvm = new FunctionJvm(Path.of("java"), 17, COMMON, Optional.of(caches));
        Files.createFile(caches.resolve("order.started"));

        assertThat(jvm.optionsFor("order", jar()))
                .containsExactly("-XX:+UseSerialGC", "-XX:ArchiveClassesAtExit=" + cache);
        assertThat(cache).doesNotExist();
    }

    @Test
    void classCachesLiveInTheDataDirectory() throws Exception {
        FunctionJvm jvm = FunctionJvm.forDataDir(System.getenv("RIPPLE_FUNCTION_JAVA"), COMMON, true, dir.resolve("data"));
        Path jar = jar();
        jvm.optionsFor("order", jar);

        assertThat(FunctionJvm.records(jvm.optionsFor("order", jar))).isTrue();
        assertThat(dir.resolve("data/class-cache")).isDirectory();
    }

    @Test
    void withoutACacheDirectoryOnlyTheCommonOptions() throws Exception {
        FunctionJvm jvm = new FunctionJvm(Path.of("java"), 25, COMMON, Optional.empty());

        assertThat(jvm.optionsFor("order", jar())).containsExactly("-XX:+UseSerialGC");
    }

    @Test
    void theVersionIsReadFromTheJdkReleaseFile() throws Exception {
        Path home = Files.createDirectories(dir.resolve("jdk/bin"));
        Path java = Files.writeString(home.resolve("java"), "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        Files.writeString(dir.resolve("jdk/release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.1\"\n");

        assertThat(FunctionJvm.of(dir.resolve("jdk").toString(), COMMON, Optional.empty()).feature()).isEqualTo(25);
        assertThat(FunctionJvm.of(java.toString(), COMMON, Optional.empty()).java()).isEqualTo(java);
    }

    @Test
    void aRecordingOnJdk25IsEndedWithTheJdksJcmdAndOlderJdksHaveNoSuchCommand() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("jdk/bin"));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\n");
        Path jcmd = Files.writeString(bin.resolve("jcmd"), "#!/bin/sh\n");
        java.toFile().setExecutable(true);

        assertThat(new FunctionJvm(java, 25, COMMON, Optional.empty()).endRecordingCommand(4242)).isEmpty();

        jcmd.toFile().setExecutable(true);
        assertThat(new FunctionJvm(java, 25, COMMON, Optional.empty()).endRecordingCommand(4242))
                .contains(List.of(jcmd.toAbsolutePath().toString(), "4242", "AOT.end_recording"));
        assertThat(new FunctionJvm(java, 17, COMMON, Optional.empty()).endRecordingCommand(4242)).isEmpty();
    }

    @Test
    void aJavaThatIsNotThereIsRefusedNamingIt() {
        assertThatThrownBy(() -> FunctionJvm.of(dir.resolve("nojdk").toString(), COMMON, Optional.empty()))
                .isInstanceOf(CliException.class).hasMessageContaining("--java").hasMessageContaining("nojdk");
    }
}

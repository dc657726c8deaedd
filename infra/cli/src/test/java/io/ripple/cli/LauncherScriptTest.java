package io.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./ripple} launcher, run for real with bash in a scratch repository:
 * when it builds and when it does not. Maven is replaced by a script that records its calls and,
 * like Maven when no class changed, leaves the jar as it was: building the real modules would take
 * minutes, and what is tested here is the launcher's decision.
 */
class LauncherScriptTest {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Instant BUILT = Instant.parse("2026-01-01T12:00:00Z");

    @TempDir
    Path repo;
    Path mainSource;
    Path testSource;
    Path jar;
    Path mavenCalls;

    @BeforeEach
    void scratchRepository() throws Exception {
        Files.copy(ROOT.resolve("ripple"), repo.resolve("ripple"));
        Files.writeString(repo.resolve("pom.xml"), "<project><modules><module>infra/cli</module></modules></project>\n");
        Path cli = Files.createDirectories(repo.resolve("infra/cli"));
        Files.writeString(cli.resolve("pom.xml"), "<project/>\n");
        mainSource = write(cli.resolve("src/main/java/Cli.java"), "class Cli {}\n");
        testSource = write(cli.resolve("src/test/java/CliTest.java"), "class CliTest {}\n");
        jar = Files.createDirectories(cli.resolve("target")).resolve("ripple-cli.jar");
        writeCliJar(jar);
        mavenCalls = repo.resolve("maven-calls");
        Path mvn = write(repo.resolve("bin/mvn"), """
                #!/bin/sh
                echo "$*" >> "%s"
                echo "[INFO] Building Ripple :: infra :: cli"
                echo "[INFO] BUILD ${FAKE_MAVEN_RESULT:-SUCCESS}"
                [ "${FAKE_MAVEN_RESULT:-SUCCESS}" = SUCCESS ]
                """.formatted(mavenCalls));
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        // Everything as old as the jar: up to date.
        for (Path file : List.of(repo.resolve("pom.xml"), cli.resolve("pom.xml"), mainSource, testSource, jar)) {
            Files.setLastModifiedTime(file, FileTime.from(BUILT));
        }
    }

    @Test
    void anUpToDateJarRunsWithoutABuild() throws Exception {
        Run run = launch("hello", "world");

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).contains("cli ran with [hello, world]").doesNotContain("ripple: building");
        assertThat(mavenCalls).doesNotExist();
    }

    @Test
    void aChangedTestSourceDoesNotRebuildTheJar() throws Exception {
        Files.setLastModifiedTime(testSource, FileTime.from(BUILT.plusSeconds(60)));

        Run run = launch();

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).doesNotContain("ripple: building");
        assertThat(mavenCalls).doesNotExist();
    }

    @Test
    void aChangedMainSourceBuildsOnceEvenWhenMavenLeavesTheJarAsItWas() throws Exception {
        Files.setLastModifiedTime(mainSource, FileTime.from(BUILT.plusSeconds(60)));

        Run first = launch();
        Run second = launch();

        assertThat(first.exitCode).as(first.output).isZero();
        assertThat(first.output).contains("ripple: building infra/cli", "ripple: built in", "cli ran");
        assertThat(second.exitCode).as(second.output).isZero();
        assertThat(second.output).doesNotContain("ripple: building").contains("cli ran");
        assertThat(Files.readAllLines(mavenCalls)).singleElement().asString().contains("install", "-pl infra/cli");
        assertThat(Files.getLastModifiedTime(jar).toInstant()).isAfterOrEqualTo(
                Files.getLastModifiedTime(mainSource).toInstant());
    }

    @Test
    void aFailedBuildStopsWithAMessageAndBuildsAgainNextTime() throws Exception {
        Files.setLastModifiedTime(mainSource, FileTime.from(BUILT.plusSeconds(60)));

        Run failed = launch("FAKE_MAVEN_RESULT=FAILURE");
        Run retried = launch();

        assertThat(failed.exitCode).isEqualTo(1);
        assertThat(failed.output).contains("ripple: build failed, see .ripple-build.log").doesNotContain("cli ran");
        assertThat(retried.output).contains("ripple: building infra/cli", "cli ran");
        assertThat(Files.readAllLines(mavenCalls)).hasSize(2);
    }

    private record Run(int exitCode, String output) {
    }

    /** Runs {@code bash ripple args}; an argument {@code NAME=value} first sets that variable instead. */
    private Run launch(String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "ripple").directory(repo.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", repo.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("RIPPLE_FUNCTION_JAVA", System.getProperty("java.home"));
        for (String arg : args) {
            if (arg.matches("[A-Z_]+=.*")) {
                builder.environment().put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                builder.command().add(arg);
            }
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Run(process.exitValue(), output);
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    /** A runnable stand-in for the CLI's jar that prints its arguments. */
    private void writeCliJar(Path target) throws IOException {
        Path sources = Files.createDirectories(repo.resolve("stand-in"));
        Path main = write(sources.resolve("StandIn.java"), """
                public class StandIn {
                    public static void main(String[] args) {
                        System.out.println("cli ran with " + java.util.Arrays.toString(args));
                    }
                }
                """);
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", sources.toString(),
                main.toString());
        assertThat(compiled).as("stand-in compiled").isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "StandIn");
        try (OutputStream out = Files.newOutputStream(target); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new JarEntry("StandIn.class"));
            jarOut.write(Files.readAllBytes(sources.resolve("StandIn.class")));
            jarOut.closeEntry();
        }
    }
}

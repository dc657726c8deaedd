package io.ripple.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black box: the packaged supervisor refuses to start with a broken policy file and says
 * which file and field are at fault.
 */
class SupervisorStartupIT {

    @TempDir
    Path workDir;

    @Test
    void aBrokenPolicyFileStopsTheSupervisorWithTheFileAndFieldAtFault() throws IOException, InterruptedException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        Path policies = Path.of("src/test/resources/policies/broken-window.yaml").toAbsolutePath();
        Path log = workDir.resolve("supervisor.log");
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Dripple.store.url=memory",
                "-Dripple.supervisor.policies=" + policies, "-jar", jar.toString()))
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited;
        try {
            // Waits for the process to end, not for time to pass: startup fails within seconds.
            exited = process.waitFor(60, TimeUnit.SECONDS);
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).as("the supervisor must stop by itself; output:%n%s", output).isTrue();
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).contains(policies + ": policies[0].limit.window: 'ten minutes' is not an ISO-8601 "
                + "duration (e.g. PT10M)");
        assertThat(new File(workDir.toFile(), ".ripple")).as("nothing was stored").doesNotExist();
    }
}

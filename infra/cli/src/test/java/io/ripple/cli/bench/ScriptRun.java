package io.ripple.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractStringAssert;

/** One run of a benchmark script with bash, for the tests of how it refuses bad arguments. */
record ScriptRun(int exit, String out, String err) {

    static ScriptRun of(Path script, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the script answered at once").isTrue();
        return new ScriptRun(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Refused before anything started (exit 2, nothing on standard output); its message, to check. */
    AbstractStringAssert<?> assertRefused(String description) {
        assertThat(exit).as(description).isEqualTo(2);
        assertThat(out).as(description).isEmpty();
        return assertThat(err).as(description);
    }
}

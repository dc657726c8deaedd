package io.ripple.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code infra/cli/bench/cold-start.sh}, run for real with bash: a bad or missing option value is
 * refused before anything starts (exit 2, nothing on standard output), with a message that names
 * the option and the value, instead of stopping the run midway with {@code sleep}'s own error.
 */
class ColdStartScriptArgumentsTest {

    static final Path SCRIPT = Path.of("bench/cold-start.sh").toAbsolutePath();

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the script answered at once").isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void repetitionsMustBeAWholeNumber() throws Exception {
        Run run = run("--reps", "five");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--reps").contains("'five'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMissingValueIsNamed() throws Exception {
        Run run = run("--reps");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--reps needs a whole number").contains("''");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theQuietPeriodMustBeSeconds() throws Exception {
        Run run = run("--quiet", "2s");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--quiet").contains("'2s'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnknownArgumentIsNamed() throws Exception {
        Run run = run("--fast");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("unknown argument: --fast");
        assertThat(run.out()).isEmpty();
    }
}

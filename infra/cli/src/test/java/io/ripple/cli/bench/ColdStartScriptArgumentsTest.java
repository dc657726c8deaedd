package io.ripple.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractStringAssert;
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

    /** Refused before anything started (exit 2, nothing on standard output); its message, to check. */
    private static AbstractStringAssert<?> assertRefused(Run run, String description) {
        assertThat(run.exit()).as(description).isEqualTo(2);
        assertThat(run.out()).as(description).isEmpty();
        return assertThat(run.err()).as(description);
    }

    @Test
    void repetitionsMustBeAWholeNumber() throws Exception {
        assertRefused(run("--reps", "five"), "--reps").contains("--reps").contains("'five'");
    }

    @Test
    void aMissingValueIsNamed() throws Exception {
        assertRefused(run("--reps"), "--reps").contains("--reps needs a whole number").contains("''");
    }

    @Test
    void theQuietPeriodMustBeSeconds() throws Exception {
        assertRefused(run("--quiet", "2s"), "--quiet").contains("--quiet").contains("'2s'");
    }

    @Test
    void theJavaAndJvmOptionsNeedTheirValue() throws Exception {
        for (String option : List.of("--java", "--jvm-options")) {
            assertRefused(run(option), option).contains(option + " needs a value").doesNotContain("unbound variable");
        }
    }

    @Test
    void anUnknownArgumentIsNamed() throws Exception {
        assertRefused(run("--fast"), "--fast").contains("unknown argument: --fast");
    }
}

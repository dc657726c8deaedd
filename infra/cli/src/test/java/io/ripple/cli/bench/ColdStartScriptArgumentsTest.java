package io.ripple.cli.bench;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code infra/cli/bench/cold-start.sh}, run for real with bash: a bad or missing option value is
 * refused before anything starts (exit 2, nothing on standard output), with a message that names
 * the option and the value, instead of stopping the run midway with {@code sleep}'s own error.
 */
class ColdStartScriptArgumentsTest {

    static final Path SCRIPT = Path.of("bench/cold-start.sh").toAbsolutePath();

    private static ScriptRun run(String... arguments) throws Exception {
        return ScriptRun.of(SCRIPT, arguments);
    }

    @Test
    void repetitionsMustBeAWholeNumber() throws Exception {
        run("--reps", "five").assertRefused("--reps").contains("--reps").contains("'five'");
    }

    @Test
    void aMissingValueIsNamed() throws Exception {
        run("--reps").assertRefused("--reps").contains("--reps needs a whole number").contains("''");
    }

    @Test
    void theQuietPeriodMustBeSeconds() throws Exception {
        run("--quiet", "2s").assertRefused("--quiet").contains("--quiet").contains("'2s'");
    }

    @Test
    void theJavaAndJvmOptionsNeedTheirValue() throws Exception {
        for (String option : List.of("--java", "--jvm-options")) {
            run(option).assertRefused(option).contains(option + " needs a value").doesNotContain("unbound variable");
        }
    }

    @Test
    void anUnknownArgumentIsNamed() throws Exception {
        run("--fast").assertRefused("--fast").contains("unknown argument: --fast");
    }
}

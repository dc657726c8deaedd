package io.ripple.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra/cli/bench/extension-cost.sh}, run for real with bash: a bad argument is refused
 * before it builds or starts anything (exit 2, nothing on standard output), named in the message;
 * and its measuring program, which the build does not compile, still compiles.
 */
class ExtensionCostScriptArgumentsTest {

    static final Path SCRIPT = Path.of("bench/extension-cost.sh").toAbsolutePath();

    @Test
    void roundsMustBeAPositiveWholeNumber() throws Exception {
        for (String rounds : new String[] {"ten", "0", "-3"}) {
            ScriptRun.of(SCRIPT, "--rounds", rounds).assertRefused("--rounds " + rounds)
                    .contains("--rounds needs a whole number").contains("'" + rounds + "'");
        }
    }

    @Test
    void aMissingRoundsValueIsNamed() throws Exception {
        ScriptRun.of(SCRIPT, "--rounds").assertRefused("--rounds").contains("--rounds needs a whole number").contains("''");
    }

    @Test
    void aJavaThatIsNotThereIsNamed() throws Exception {
        ScriptRun.of(SCRIPT, "--java", "/no/such/jdk").assertRefused("--java")
                .contains("--java /no/such/jdk: no java executable there");
    }

    @Test
    void anUnknownArgumentIsNamed() throws Exception {
        ScriptRun.of(SCRIPT, "--fast").assertRefused("--fast").contains("unknown argument: --fast");
    }

    @Test
    void theMeasuringProgramCompiles(@TempDir Path out) throws Exception {
        Path source = Path.of("bench/extension-cost/ExtensionCost.java").toAbsolutePath();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int result = ToolProvider.getSystemJavaCompiler().run(null, null, errors, "-d", out.toString(), source.toString());
        assertThat(result).as(errors.toString()).isZero();
        assertThat(Files.exists(out.resolve("ExtensionCost.class"))).isTrue();
    }
}

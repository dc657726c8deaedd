package io.ripple.cli.bench;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code infra/cli/bench/extension-cost.sh}, run for real with bash: a bad argument is refused
 * before it builds or starts anything (exit 2, nothing on standard output), named in the message.
 * (Its measuring program, src/bench/java, compiles with these tests.)
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
    void probingIsFineOrKnative() throws Exception {
        ScriptRun.of(SCRIPT, "--probing", "coarse").assertRefused("--probing coarse")
                .contains("--probing is fine or knative, not 'coarse'");
        ScriptRun.of(SCRIPT, "--probing").assertRefused("--probing").contains("--probing is fine or knative, not ''");
    }

    @Test
    void anUnknownArgumentIsNamed() throws Exception {
        ScriptRun.of(SCRIPT, "--fast").assertRefused("--fast").contains("unknown argument: --fast");
    }
}

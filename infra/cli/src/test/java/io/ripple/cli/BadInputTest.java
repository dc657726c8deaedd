package io.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad command-line input gets a message that names the problem, and nothing is sent. */
class BadInputTest {

    /** Nothing listens here, so a command that tried to send would fail differently. */
    private static final String NO_BROKER = "http://127.0.0.1:9/ripple/default";

    @Test
    void dataThatIsNotJsonIsRefusedBeforeSending() {
        CliRun run = CliRun.of("emit", "--broker", NO_BROKER, "--type", "coffee.machine.brew", "--data", "{\"recipe\":");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("ripple: --data is not JSON");
    }

    @Test
    void aMissingDataFileIsNamedBeforeSending() {
        CliRun run = CliRun.of("emit", "--broker", NO_BROKER, "--type", "coffee.machine.brew", "--data", "@no-such.json");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--data @no-such.json: no such file").doesNotContain("unexpected");
    }

    @Test
    void aJsonDataFileIsReadAndSent(@TempDir Path dir) throws IOException {
        Path order = Files.writeString(dir.resolve("order.json"), "{\"recipe\": \"latte\", \"customer\": \"ada\"}\n");
        CliRun run = CliRun.of("emit", "--broker", NO_BROKER, "--type", "coffee.order.place", "--data", "@" + order);
        // Read and accepted as the data: the command got as far as sending it.
        assertThat(run.err()).contains("cannot reach the broker at " + NO_BROKER).doesNotContain("Unmatched");
    }

    @Test
    void aDataFileThatCannotBeReadIsNamedBeforeSending(@TempDir Path dir) {
        CliRun run = CliRun.of("emit", "--broker", NO_BROKER, "--type", "coffee.machine.brew", "--data", "@" + dir);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--data @" + dir + ": cannot be read")
                .doesNotContain("unexpected", "cannot reach the broker");
    }

    @Test
    void aDataFileThatIsNotUtf8TextIsNamedBeforeSending(@TempDir Path dir) throws IOException {
        Path binary = Files.write(dir.resolve("data.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00});
        CliRun run = CliRun.of("emit", "--broker", NO_BROKER, "--type", "coffee.machine.brew", "--data", "@" + binary);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--data @" + binary + ": not UTF-8 text")
                .doesNotContain("unexpected", "cannot reach the broker");
    }

    @Test
    void anInvalidExtensionNameIsRefusedBeforeSending() {
        CliRun run = CliRun.of("emit", "--broker", NO_BROKER, "--type", "coffee.machine.brew", "--ext", "Order_Id=7");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--ext Order_Id", "lower-case letters and digits");
    }

    @Test
    void anUnreachableBrokerIsNamed() {
        CliRun run = CliRun.of("trace", "--broker", NO_BROKER, "some-chain");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach the broker at http://127.0.0.1:9", "is `ripple up` running?");
    }

    @Test
    void aMissingRequiredOptionIsNamed() {
        CliRun run = CliRun.of("emit", "--broker", NO_BROKER);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--type");
    }

    @Test
    void aBadDurationNamesTheOption() {
        CliRun run = CliRun.of("up", "--idle", "soon");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--idle", "soon");
    }

    @Test
    void aPortOutOfRangeIsRefusedBeforeStartingAnything() {
        CliRun run = CliRun.of("up", "--port", "99999");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--port must be a port from 1 to 65535, not 99999");

        CliRun zipkin = CliRun.of("up", "--tracing", "--zipkin-port", "0");
        assertThat(zipkin.exitCode()).isEqualTo(1);
        assertThat(zipkin.err()).contains("--zipkin-port must be a port from 1 to 65535, not 0");
    }

    @Test
    void aBrokerOrFunctionUrlThatIsNoHttpUrlNamesTheOption() {
        CliRun log = CliRun.of("log", "--broker", "notaurl");
        assertThat(log.exitCode()).isEqualTo(2);
        assertThat(log.err()).contains("--broker", "'notaurl' is not an http(s) URL", "no http or https scheme");

        CliRun verify = CliRun.of("verify", "scenarios", "--url", "http://");
        assertThat(verify.exitCode()).isEqualTo(2);
        assertThat(verify.err()).contains("--url", "'http://' is not an http(s) URL");

        CliRun demo = CliRun.of("demo", "--broker", "ftp://host/x");
        assertThat(demo.exitCode()).isEqualTo(2);
        assertThat(demo.err()).contains("--broker", "'ftp://host/x' is not an http(s) URL");
    }

    @Test
    void aZeroReadyTimeoutIsRefusedBeforeStartingAnything() {
        CliRun run = CliRun.of("up", "--ready-timeout", "0s");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--ready-timeout must be longer than 0");
    }

    @Test
    void aDemoFailureRateOutsideZeroToOneIsRefusedBeforeStartingAnything() {
        CliRun run = CliRun.of("demo", "--failure-rate", "1.5");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--failure-rate must be between 0 and 1, not 1.5");
    }

    @Test
    void aDemoBrewTimeoutShorterThanTheBrewIsRefused() {
        CliRun run = CliRun.of("demo", "--brew-duration", "5s", "--brew-timeout", "2s");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--brew-timeout (PT2S) must be longer than --brew-duration (PT5S)");
    }

    @Test
    void aDemoAgainstAnUnreachableBrokerNamesIt() {
        CliRun run = CliRun.of("demo", "--broker", NO_BROKER, "--orders", "1", "--machines", "1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach the broker at " + NO_BROKER);
    }
}

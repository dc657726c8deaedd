package io.ripple.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A function process killed at each point of processing a command; the broker then
 * redelivers the command to a fresh process. The state changes exactly once and the
 * event ids are those the killed process stored (and may have published).
 */
class CrashWindowTest {

    @Nested
    class OnSqlite extends Contract {
        OnSqlite() {
            super(Backend.SQLITE);
        }
    }

    @Nested
    class OnPostgresql extends Contract {
        OnPostgresql() {
            super(Backend.POSTGRESQL);
        }
    }

    abstract static class Contract extends DatabasePerTest {

        Contract(Backend backend) {
            super(backend);
        }

        @ParameterizedTest(name = "killed {0}")
        @ValueSource(strings = {"before-append", "after-append", "after-publish"})
        void redeliveryAfterAKillChangesStateOnceWithTheSameIds(String crashPoint) throws Exception {
            StreamId stream = Tally.stream("m-1");
            try (JdbcStore earlier = database.open()) {
                new TallyProcessor(earlier.eventStore(), 0, 5).process(stream, "cmd-0",
                        new Tally.Add(100, "setup", Instant.parse("2025-01-01T00:00:00Z")));
            }

            Killed killed = runAndKill(stream, "cmd-1", 5, crashPoint);

            try (JdbcStore restarted = database.open()) {
                TallyProcessor processor = new TallyProcessor(restarted.eventStore(), 0, 5);
                TallyProcessor.Outcome redelivered = processor.process(stream, "cmd-1",
                        new Tally.Add(5, "crash", Instant.parse("2025-01-01T00:00:00Z")));
                TallyProcessor.Outcome again = processor.process(stream, "cmd-1",
                        new Tally.Add(5, "crash", Instant.parse("2025-01-01T00:00:00Z")));

                if (crashPoint.equals("before-append")) {
                    assertThat(killed.stored()).isEmpty();
                    assertThat(redelivered.duplicate()).as("nothing was stored before the kill").isFalse();
                } else {
                    assertThat(redelivered.duplicate()).as("the killed process stored the command").isTrue();
                    assertThat(redelivered.ids()).isEqualTo(killed.stored());
                }
                assertThat(again.duplicate()).isTrue();
                assertThat(again.ids()).hasSize(1).isEqualTo(redelivered.ids());
                Tally.Counting state = (Tally.Counting) Tally.loadFresh(restarted.eventStore(), stream).state();
                assertThat(state.count()).as("one change from setup, one from cmd-1").isEqualTo(2);
                assertThat(state.total()).isEqualTo(105);
            }
        }

        private record Killed(List<String> stored) {
        }

        private Killed runAndKill(StreamId stream, String commandId, int amount, String crashPoint)
                throws IOException, InterruptedException {
            StoreSettings settings = database.settings();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // A short-lived process: skip the optimising compiler to start faster.
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-cp", System.getProperty("java.class.path"),
                    CrashingFunction.class.getName(),
                    settings.url(), Objects.toString(settings.user(), ""), Objects.toString(settings.password(), ""),
                    stream.actorId(), commandId, Integer.toString(amount), crashPoint));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("killed process output:%n%s", output)
                    .isEqualTo(CrashingFunction.KILLED);
            List<String> stored = output.lines().filter(line -> line.startsWith("stored "))
                    .flatMap(line -> Arrays.stream(line.substring("stored ".length()).trim().split(" ")))
                    .filter(id -> !id.isEmpty()).toList();
            return new Killed(stored);
        }
    }
}

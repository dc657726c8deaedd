package io.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void knativeStyleDurationsParse() {
        assertThat(Durations.parse("60s", "x")).isEqualTo(Duration.ofSeconds(60));
        assertThat(Durations.parse("1m30s", "x")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("500ms", "x")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("0", "x")).isZero();
    }

    @Test
    void anythingElseNamesTheFieldAtFault() {
        assertThatThrownBy(() -> Durations.parse("soon", "--idle")).isInstanceOf(CliException.class)
                .hasMessage("--idle: 'soon' is not a duration like 60s, 1m30s or 500ms");
        assertThatThrownBy(() -> Durations.parse("10sx", "--idle")).isInstanceOf(CliException.class);
    }
}

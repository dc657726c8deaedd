package io.ripple.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void percentilesAreNearestRank() {
        List<Duration> oneToHundred = IntStream.rangeClosed(1, 100).mapToObj(Duration::ofSeconds).toList();
        assertThat(Durations.of(oneToHundred)).isEqualTo(new Durations(100, 50.0, 90.0, 99.0, 100.0));
    }

    @Test
    void theOrderOfMeasurementsDoesNotMatter() {
        assertThat(Durations.of(List.of(Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMillis(200))))
                .isEqualTo(new Durations(3, 0.2, 0.3, 0.3, 0.3));
    }

    @Test
    void nothingMeasuredHasNoPercentiles() {
        assertThat(Durations.of(List.of())).isEqualTo(new Durations(0, null, null, null, null));
    }
}

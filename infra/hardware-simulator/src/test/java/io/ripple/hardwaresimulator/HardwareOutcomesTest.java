package io.ripple.hardwaresimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HardwareOutcomesTest {

    @Test
    void theSameBrewAndSeedAlwaysEndTheSameWay() {
        HardwareOutcomes first = new HardwareOutcomes(0.5, 42);
        HardwareOutcomes again = new HardwareOutcomes(0.5, 42);
        for (int i = 0; i < 100; i++) {
            assertThat(again.outcomeOf("brew-" + i)).isEqualTo(first.outcomeOf("brew-" + i));
        }
    }

    @Test
    void anotherSeedGivesAnotherRun() {
        HardwareOutcomes one = new HardwareOutcomes(0.5, 1);
        HardwareOutcomes two = new HardwareOutcomes(0.5, 2);
        assertThat(IntStream.range(0, 100).filter(i -> !one.outcomeOf("b" + i).equals(two.outcomeOf("b" + i))))
                .isNotEmpty();
    }

    @Test
    void theShareOfFailuresFollowsTheFailureRate() {
        HardwareOutcomes outcomes = new HardwareOutcomes(0.2, 7);
        long failed = IntStream.range(0, 10_000).mapToObj(i -> outcomes.outcomeOf("brew-" + i))
                .filter(outcome -> !outcome.ok()).count();
        assertThat(failed).isBetween(1_800L, 2_200L);
    }

    @Test
    void aFailureSaysWhatWentWrongAndSuccessSaysNothing() {
        assertThat(new HardwareOutcomes(1, 7).outcomeOf("b").reason()).isIn(HardwareOutcomes.FAILURES);
        assertThat(new HardwareOutcomes(1, 7).outcomeOf("b").outcome()).isEqualTo("failed");
        assertThat(new HardwareOutcomes(0, 7).outcomeOf("b")).isEqualTo(new HardwareOutcomes.Outcome("ok", null));
    }

    @Test
    void aFailureRateOutsideZeroToOneIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new HardwareOutcomes(1.5, 7))
                .hasMessage("ripple.simulator.failure-rate must be between 0 and 1, not 1.5");
        assertThatThrownBy(() -> new HardwareOutcomes(Double.NaN, 7)).hasMessageContaining("failure-rate");
    }
}

package io.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The status table's state column for one service. */
class ServiceStateTest {

    @Test
    void noInstanceIsScaledToZero() {
        assertThat(ServiceScaler.state(0, 0, Duration.ofMillis(312))).isEqualTo("scaled to zero");
    }

    @Test
    void anInstanceNotYetReadyIsStarting() {
        assertThat(ServiceScaler.state(2, 1, Duration.ofMillis(312))).isEqualTo("starting");
    }

    @Test
    void aReadyServiceShowsHowLongItsLatestInstanceTookToStart() {
        assertThat(ServiceScaler.state(1, 1, Duration.ofMillis(312))).isEqualTo("ready (started in 312 ms)");
    }

    @Test
    void aServiceReadyBeforeAnyTimingIsJustReady() {
        assertThat(ServiceScaler.state(1, 1, null)).isEqualTo("ready");
    }
}

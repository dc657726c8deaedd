package io.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Readiness is probed the way Knative's queue-proxy probes a starting container. */
class ProbeScheduleTest {

    @Test
    void probesComeQuicklyAtFirstThenEveryFiftyMilliseconds() {
        List<Long> pauses = new ArrayList<>();
        long pause = 10;
        for (int i = 0; i < 6; i++) {
            pauses.add(pause);
            pause = ChildProcess.nextProbePause(pause);
        }

        assertThat(pauses).containsExactly(10L, 20L, 40L, 50L, 50L, 50L);
    }
}

package io.ripple.hardwaresimulator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Starts the {@link RecordingSink} and points the simulator at it, with brews that take no time. */
public class RecordingSinkResource implements QuarkusTestResourceLifecycleManager {

    static RecordingSink sink;

    @Override
    public Map<String, String> start() {
        try {
            sink = new RecordingSink();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("ripple.simulator.sink", sink.url(), "ripple.simulator.brew-duration", "PT0S",
                "ripple.simulator.failure-rate", "0.5", "ripple.simulator.seed", "7",
                "ripple.simulator.silent-machines", "m-silent", "ripple.simulator.retry-delay", "PT0.05S",
                "ripple.simulator.max-retry-delay", "PT0.2S");
    }

    @Override
    public void stop() {
        sink.stop();
    }
}

package io.ripple.coffeemachine;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts an {@link OtlpCollector} and turns tracing on with OTLP over gRPC pointed at it. */
public class OtlpCollectorResource implements QuarkusTestResourceLifecycleManager {

    static volatile OtlpCollector collector;

    @Override
    public Map<String, String> start() {
        collector = new OtlpCollector();
        return Map.of("quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.endpoint", collector.endpoint(),
                "quarkus.otel.exporter.otlp.protocol", "grpc",
                // Export each batch at once instead of every 5 s.
                "quarkus.otel.bsp.schedule.delay", "PT0.1S");
    }

    @Override
    public void stop() {
        collector.stop();
    }
}

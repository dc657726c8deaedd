package io.ripple.hardwaresimulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once there is somewhere to send the outcomes: brews received before would only pile up. */
@Readiness
@ApplicationScoped
public class SinkReadiness implements HealthCheck {

    @Inject
    SimulatorConfig config;

    @Inject
    SimulatorStats stats;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("hardware-simulator-sink").status(config.sink().isPresent())
                .withData("sink", config.sink().orElse("(none: set K_SINK)"))
                .withData("pending", stats.snapshot().pending()).build();
    }
}

package io.ripple.devbroker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the manifests are loaded and the log writer runs ({@code /q/health/ready}). */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    @Inject
    DevBroker broker;

    @Override
    public HealthCheckResponse call() {
        DevBroker.Running running = broker.running();
        boolean writing = running != null && running.log().isWriting();
        var response = HealthCheckResponse.named("ripple-broker").status(writing);
        if (running != null) {
            response.withData("brokers", running.topology().brokers().size())
                    .withData("triggers", running.topology().triggers().size())
                    .withData("logHead", running.log().head());
        }
        return response.build();
    }
}

package io.ripple.insights;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the store file answers: an event that cannot be stored must be retried by the broker. */
@Readiness
@ApplicationScoped
public class FactStoreReadiness implements HealthCheck {

    @Inject
    FactStore store;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("insights-store").status(store.answers())
                .withData("file", store.file().toString()).build();
    }
}

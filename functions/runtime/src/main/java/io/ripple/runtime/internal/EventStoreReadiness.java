package io.ripple.runtime.internal;

import io.ripple.runtime.store.JdbcStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the event store's database answers: a function that cannot store
 * events must not receive commands (Knative then routes to another instance or waits).
 */
@Readiness
@ApplicationScoped
public class EventStoreReadiness implements HealthCheck {

    private final EventStoreProducer stores;

    @Inject
    public EventStoreReadiness(EventStoreProducer stores) {
        this.stores = stores;
    }

    @Override
    public HealthCheckResponse call() {
        Optional<JdbcStore> database = stores.database();
        if (database.isEmpty()) {
            return HealthCheckResponse.named("ripple-event-store").up().withData("store", "in memory").build();
        }
        return HealthCheckResponse.named("ripple-event-store").status(database.get().isReachable())
                .withData("store", database.get().description()).build();
    }
}

package io.ripple.runtime.internal;

import io.ripple.runtime.store.JdbcStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the event store's database answers: a function that cannot store
 * events must not receive commands (Knative then routes to another instance or waits).
 *
 * <p>While the database is still being opened the check waits for it, up to a second, so that
 * the first probe after a cold start answers as soon as the store is open rather than at the
 * prober's next attempt.
 */
@Readiness
@ApplicationScoped
public class EventStoreReadiness implements HealthCheck {

    private static final Duration OPENING_WAIT = Duration.ofSeconds(1);
    private static final String NAME = "ripple-event-store";

    private final EventStoreProducer stores;

    @Inject
    public EventStoreReadiness(EventStoreProducer stores) {
        this.stores = stores;
    }

    @Override
    public HealthCheckResponse call() {
        CompletableFuture<Optional<JdbcStore>> state = stores.awaitOpen(OPENING_WAIT);
        if (!state.isDone()) {
            return HealthCheckResponse.named(NAME).down().withData("store", "opening").build();
        }
        if (state.isCompletedExceptionally()) {
            return HealthCheckResponse.named(NAME).down().withData("store", "could not be opened").build();
        }
        Optional<JdbcStore> database = state.join();
        if (database.isEmpty()) {
            return HealthCheckResponse.named(NAME).up().withData("store", "in memory").build();
        }
        return HealthCheckResponse.named(NAME).status(database.get().isReachable())
                .withData("store", database.get().description()).build();
    }
}

package io.ripple.timerservice;

import io.ripple.runtime.store.JdbcStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when a sink is configured and every watched store answers. */
@Readiness
@ApplicationScoped
public class TimerServiceReadiness implements HealthCheck {

    @Inject
    WatchedStores stores;

    @Inject
    DueCommandSender sender;

    @Inject
    TimerDispatcher dispatcher;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("ripple-timer-service")
                .withData("fired", dispatcher.firedCount()).withData("lastPoll", dispatcher.lastPoll().toString());
        boolean up = sender.hasSink();
        if (!up) {
            response.withData("sink", "not configured: set K_SINK");
        }
        for (JdbcStore store : stores.current()) {
            boolean reachable = store.isReachable();
            response.withData(store.description(), reachable ? "reachable" : "unreachable");
            up &= reachable;
        }
        return response.status(up).build();
    }
}

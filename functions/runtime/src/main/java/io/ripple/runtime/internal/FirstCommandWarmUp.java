package io.ripple.runtime.internal;

import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.jboss.logging.Logger;

/**
 * Prepares, once the function listens, what its first command would otherwise set up on its way:
 * the JSON parser (whose static set-up makes {@code BigDecimal} compute 5^65536 in the
 * interpreter on JDK 25, about 8 ms), each command and event type's (de)serializer, the step
 * timers, the trace context's constants and the HTTP client that publishes to {@code K_SINK}.
 *
 * <p>A function scaled from zero gets its first command right after its readiness probe
 * succeeds, and Knative probes every 50 ms: between listening and that command the function is
 * idle for tens of milliseconds, which is when this runs. Started any earlier (at
 * {@code StartupEvent}) it took CPU from the start itself on two cores and readiness came later
 * by as much as the command gained (docs/benchmarks.md). A command that arrives first simply
 * waits for the class or binding being prepared; a failure here only means the first command
 * prepares what it needs itself.
 */
@ApplicationScoped
class FirstCommandWarmUp {

    private static final Logger LOG = Logger.getLogger(FirstCommandWarmUp.class);

    /** Long enough for any store that opens at all; the warm-up is skipped after it. */
    private static final Duration STORE_WAIT = Duration.ofSeconds(30);

    /** Quarkus fires the event asynchronously: this runs on a worker thread, not the event loop. */
    void onListening(@ObservesAsync HttpServerStart listening, ActorRuntime runtime, EventStoreProducer stores,
            @Connector(KnativeSinkConnector.NAME) KnativeSinkConnector sink) {
        // Not while the store still opens: readiness waits for it, and it needs the cores more.
        if (!stores.awaitOpen(STORE_WAIT).isDone()) {
            return;
        }
        try {
            sink.warmUp();
            runtime.prepareForFirstCommand();
            SpanContext.getInvalid();
        } catch (RuntimeException e) {
            LOG.debugf(e, "warm-up for the first command failed; the command prepares itself");
        }
    }
}

package io.ripple.runtime.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.ripple.runtime.ActorDefinition;
import io.ripple.runtime.store.EventStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wires the actor application's {@link ActorDefinition} to the store and codec: the one
 * place where the application's actor meets the runtime's adapters.
 */
@ApplicationScoped
public class ActorRuntime {

    private final ActorDefinition<?, ?, ?> actor;
    private final ActorMetrics metrics;
    private final CommandProcessor<?, ?, ?> processor;

    @Inject
    public ActorRuntime(ActorDefinition<?, ?, ?> actor, ObjectMapper mapper, EventStore store, MeterRegistry registry,
            @ConfigProperty(name = "ripple.actor.max-append-attempts", defaultValue = "5") int maxAttempts) {
        this.actor = actor;
        this.metrics = new ActorMetrics(registry, actor.name());
        this.processor = processorFor(actor, mapper, store, maxAttempts, metrics);
    }

    private static <C, E, S> CommandProcessor<C, E, S> processorFor(ActorDefinition<C, E, S> actor,
            ObjectMapper mapper, EventStore store, int maxAttempts, ProcessingSteps steps) {
        return new CommandProcessor<>(actor, new CloudEventCodec<>(actor, mapper), store,
                () -> OffsetDateTime.now(ZoneOffset.UTC), maxAttempts, steps);
    }

    public ActorMetrics metrics() {
        return metrics;
    }

    public ActorDefinition<?, ?, ?> actor() {
        return actor;
    }

    public ProcessingResult process(IncomingCommand command) {
        return processor.process(command);
    }
}

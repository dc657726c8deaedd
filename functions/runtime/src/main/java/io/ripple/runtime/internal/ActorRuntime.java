package io.ripple.runtime.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.ripple.runtime.ActorDefinition;
import io.ripple.runtime.store.ActorStates;
import io.ripple.runtime.store.EventStore;
import io.ripple.runtime.store.JsonSnapshotCodec;
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
            StoreConfig storeConfig, ActorTracing tracing,
            @ConfigProperty(name = "ripple.actor.max-append-attempts", defaultValue = "5") int maxAttempts) {
        this.actor = actor;
        this.metrics = new ActorMetrics(registry, actor.name());
        this.processor = processorFor(actor, mapper, store, storeConfig, maxAttempts, tracing.traced(metrics));
    }

    private static <C, E, S> CommandProcessor<C, E, S> processorFor(ActorDefinition<C, E, S> actor,
            ObjectMapper mapper, EventStore store, StoreConfig storeConfig, int maxAttempts, ProcessingSteps steps) {
        CloudEventCodec<C, E, S> codec = new CloudEventCodec<>(actor, mapper);
        ActorStates<E, S> states = new ActorStates<>(store, actor.decider(), codec::decodeEvents,
                JsonSnapshotCodec.forDecider(actor.decider(), codec.mapper()), storeConfig.snapshotEvery(),
                storeConfig.stateCacheSize());
        return new CommandProcessor<>(actor, codec, store, () -> OffsetDateTime.now(ZoneOffset.UTC), maxAttempts,
                steps, states);
    }

    /**
     * Does now what the first command would otherwise pay for on its way: the JSON bindings of
     * the actor's types and the step timers ({@link FirstCommandWarmUp}).
     */
    public void prepareForFirstCommand() {
        processor.prepareForFirstCommand();
        metrics.registerSteps();
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

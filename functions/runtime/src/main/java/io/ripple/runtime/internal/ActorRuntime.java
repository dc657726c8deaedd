package io.ripple.runtime.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
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
    private final CommandProcessor<?, ?, ?> processor;

    @Inject
    public ActorRuntime(ActorDefinition<?, ?, ?> actor, ObjectMapper mapper, EventStore store,
            @ConfigProperty(name = "ripple.actor.max-append-attempts", defaultValue = "5") int maxAttempts) {
        this.actor = actor;
        this.processor = processorFor(actor, mapper, store, maxAttempts);
    }

    private static <C, E, S> CommandProcessor<C, E, S> processorFor(ActorDefinition<C, E, S> actor,
            ObjectMapper mapper, EventStore store, int maxAttempts) {
        return new CommandProcessor<>(actor, new CloudEventCodec<>(actor, mapper), store,
                () -> OffsetDateTime.now(ZoneOffset.UTC), maxAttempts);
    }

    public ActorDefinition<?, ?, ?> actor() {
        return actor;
    }

    public ProcessingResult process(IncomingCommand command) {
        return processor.process(command);
    }
}

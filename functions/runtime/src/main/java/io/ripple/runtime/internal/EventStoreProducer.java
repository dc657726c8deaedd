package io.ripple.runtime.internal;

import io.quarkus.arc.DefaultBean;
import io.ripple.runtime.store.EventStore;
import io.ripple.runtime.store.internal.InMemoryEventStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Chooses the event store of an actor application. */
@ApplicationScoped
public class EventStoreProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    EventStore inMemoryEventStore() {
        return new InMemoryEventStore();
    }
}

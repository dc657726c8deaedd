package io.ripple.runtime.internal;

import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.ripple.runtime.ActorDefinition;
import io.ripple.runtime.store.EventStore;
import io.ripple.runtime.store.JdbcStore;
import io.ripple.runtime.store.StoreSettings;
import io.ripple.runtime.store.internal.InMemoryEventStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Chooses the event store of an actor application from {@code ripple.store.url}: an
 * SQLite file by default, PostgreSQL for a {@code jdbc:postgresql:} URL, the in-memory
 * store for {@code memory}. Opened (and migrated) at startup, so a wrong URL or an
 * unreachable database stops the function with a clear message instead of failing each
 * command.
 */
@Startup
@ApplicationScoped
// The pool instantiates the driver named by class: native images need it registered.
@RegisterForReflection(targets = {org.sqlite.JDBC.class, org.postgresql.Driver.class})
public class EventStoreProducer {

    private static final Logger LOG = Logger.getLogger(EventStoreProducer.class);

    private final EventStore store;
    private final Optional<JdbcStore> database;

    @Inject
    public EventStoreProducer(StoreConfig config, ActorDefinition<?, ?, ?> actor) {
        String url = config.url().filter(value -> !value.isBlank()).orElse(StoreSettings.defaultUrl(actor.name()));
        if (url.equals(StoreSettings.IN_MEMORY)) {
            LOG.infof("event store of %s: in memory (events are lost when the process ends)", actor.name());
            this.store = new InMemoryEventStore();
            this.database = Optional.empty();
        } else {
            JdbcStore opened = JdbcStore.open(new StoreSettings(url, config.user().orElse(null),
                    config.password().orElse(null), config.poolSize()));
            LOG.infof("event store of %s: %s", actor.name(), opened.description());
            this.store = opened.eventStore();
            this.database = Optional.of(opened);
        }
    }

    @Produces
    @DefaultBean
    @ApplicationScoped
    EventStore eventStore() {
        return store;
    }

    /** The database behind the store, unless it is the in-memory one. */
    public Optional<JdbcStore> database() {
        return database;
    }

    @PreDestroy
    void close() {
        database.ifPresent(JdbcStore::close);
    }
}

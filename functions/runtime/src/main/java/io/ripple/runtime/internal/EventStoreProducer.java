package io.ripple.runtime.internal;

import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForProxy;
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
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import org.jboss.logging.Logger;

/**
 * Chooses the event store of an actor application from {@code ripple.store.url}: an
 * SQLite file by default, PostgreSQL for a {@code jdbc:postgresql:} URL, the in-memory
 * store for {@code memory}.
 *
 * <p>A database is opened (and migrated) on a thread of its own from the start of the
 * application, beside the rest of its start: on a cold start that is about a tenth of a second
 * no longer spent before the first command. Readiness waits for it ({@link EventStoreReadiness}),
 * and a command that arrives first waits too. A wrong URL or an unreachable database still stops
 * the function with a clear message (exit code 1) instead of failing each command.
 */
@Startup
@ApplicationScoped
// Native images: PGSimpleDataSource loads its driver by name, and HikariCP builds a JDK proxy
// of Connection (its stand-in for a closed connection) when its classes initialise.
@RegisterForReflection(targets = {org.sqlite.JDBC.class, org.postgresql.Driver.class})
@RegisterForProxy(targets = java.sql.Connection.class)
public class EventStoreProducer {

    private static final Logger LOG = Logger.getLogger(EventStoreProducer.class);

    private final CompletableFuture<Optional<JdbcStore>> database = new CompletableFuture<>();
    private final EventStore store;

    @Inject
    public EventStoreProducer(StoreConfig config, ActorDefinition<?, ?, ?> actor) {
        this(config, actor, Quarkus::asyncExit);
    }

    /** @param exit how the application stops when its database cannot be opened (tests watch it) */
    EventStoreProducer(StoreConfig config, ActorDefinition<?, ?, ?> actor, IntConsumer exit) {
        String url = config.url().filter(value -> !value.isBlank()).orElse(StoreSettings.defaultUrl(actor.name()));
        if (url.equals(StoreSettings.IN_MEMORY)) {
            LOG.infof("event store of %s: in memory (events are lost when the process ends)", actor.name());
            this.store = new InMemoryEventStore();
            database.complete(Optional.empty());
            return;
        }
        StoreSettings settings = new StoreSettings(url, config.user().orElse(null), config.password().orElse(null),
                config.poolSize());
        this.store = new OpeningEventStore(database.thenApply(opened -> opened.orElseThrow().eventStore()));
        Thread opener = new Thread(() -> open(settings, actor.name(), exit), "ripple-store-open");
        opener.setDaemon(true);
        opener.start();
    }

    private void open(StoreSettings settings, String actor, IntConsumer exit) {
        try {
            JdbcStore opened = JdbcStore.open(settings);
            LOG.infof("event store of %s: %s", actor, opened.description());
            database.complete(Optional.of(opened));
        } catch (RuntimeException e) {
            LOG.errorf("stopping: the event store of %s cannot be opened: %s", actor, e.getMessage());
            database.completeExceptionally(e);
            exit.accept(1);
        }
    }

    @Produces
    @DefaultBean
    @ApplicationScoped
    EventStore eventStore() {
        return store;
    }

    /**
     * The database behind the store once it is open, empty for the in-memory store; waits for the
     * open.
     *
     * @throws IllegalStateException if it could not be opened
     */
    public Optional<JdbcStore> database() {
        try {
            return database.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the event store could not be opened: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the event store was opened", e);
        }
    }

    /**
     * The store's state after waiting at most {@code wait} for it to be open: the database (empty
     * for the in-memory store), or a failed future while it is still opening or could not be opened.
     */
    CompletableFuture<Optional<JdbcStore>> awaitOpen(Duration wait) {
        try {
            database.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the returned future tells which
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return database;
    }

    @PreDestroy
    void close() {
        // Still opening at shutdown: close it once it is open, or it would keep its pool.
        database.thenAccept(opened -> opened.ifPresent(JdbcStore::close));
    }
}

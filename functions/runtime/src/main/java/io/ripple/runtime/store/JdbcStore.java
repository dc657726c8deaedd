package io.ripple.runtime.store;

import io.ripple.runtime.store.internal.JdbcDatabase;
import java.time.Clock;

/**
 * A durable store on a database: the actor's {@link EventStore} and the
 * {@link TimerQueue} the timer service reads, over one connection pool. Opening it
 * creates the database file (SQLite) and migrates the schema with Flyway.
 *
 * <p>Which database is chosen by {@link StoreSettings#url()} at run time, so one
 * application jar runs on SQLite by default and on PostgreSQL when
 * {@code RIPPLE_STORE_URL=jdbc:postgresql://...} is set.
 */
public interface JdbcStore extends AutoCloseable {

    /**
     * Opens the store and brings its schema up to date.
     *
     * @throws IllegalArgumentException if the URL is neither SQLite nor PostgreSQL
     * @throws EventStoreException if the database cannot be reached or migrated
     */
    static JdbcStore open(StoreSettings settings) {
        return JdbcDatabase.open(settings, Clock.systemUTC());
    }

    /** Like {@link #open(StoreSettings)} with a clock for record times (tests). */
    static JdbcStore open(StoreSettings settings, Clock clock) {
        return JdbcDatabase.open(settings, clock);
    }

    EventStore eventStore();

    TimerQueue timerQueue();

    /** The database, for logs and health checks: its kind and URL, never credentials. */
    String description();

    /** Whether the database answers a trivial query now (readiness). */
    boolean isReachable();

    /** Closes the connection pool. */
    @Override
    void close();
}

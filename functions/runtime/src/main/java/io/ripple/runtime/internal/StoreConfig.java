package io.ripple.runtime.internal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The {@code ripple.store.*} settings of an actor application (environment variables
 * {@code RIPPLE_STORE_URL}, {@code RIPPLE_STORE_USER}, ... work as usual). Read at run
 * time, so one built application runs on SQLite or PostgreSQL as its environment says.
 */
@ConfigMapping(prefix = "ripple.store")
public interface StoreConfig {

    int DEFAULT_SNAPSHOT_EVERY = 100;
    int DEFAULT_STATE_CACHE_SIZE = 10_000;

    /**
     * {@code jdbc:sqlite:<file>}, {@code jdbc:postgresql://host:port/db} or {@code memory};
     * default {@code jdbc:sqlite:.ripple/data/<actor-type>.db}.
     */
    Optional<String> url();

    /** Database user (PostgreSQL). */
    Optional<String> user();

    /** Database password (PostgreSQL). */
    Optional<String> password();

    /** The most connections kept open. */
    @WithDefault("8")
    int poolSize();

    /** Save a snapshot of an actor's state every this many events; 0 never. */
    @WithDefault("" + DEFAULT_SNAPSHOT_EVERY)
    int snapshotEvery();

    /** How many actors' states a process keeps in memory between commands; 0 none. */
    @WithDefault("" + DEFAULT_STATE_CACHE_SIZE)
    int stateCacheSize();
}

package io.ripple.runtime.store;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where an actor's events live: the {@code ripple.store.*} configuration.
 *
 * @param url      a JDBC URL, {@code jdbc:sqlite:<file>} (the default, see
 *                 {@link #defaultUrl}) or {@code jdbc:postgresql://host:port/db}
 *                 ({@code ripple.store.url}, env {@code RIPPLE_STORE_URL})
 * @param user     the database user, for PostgreSQL ({@code ripple.store.user})
 * @param password the database password ({@code ripple.store.password})
 * @param poolSize the most connections kept open ({@code ripple.store.pool-size})
 */
public record StoreSettings(String url, @Nullable String user, @Nullable String password, int poolSize) {

    /** The {@code ripple.store.url} that selects the in-memory store (tests, throw-away runs). */
    public static final String IN_MEMORY = "memory";

    /** Connections kept open unless configured otherwise. */
    public static final int DEFAULT_POOL_SIZE = 8;

    public StoreSettings {
        Objects.requireNonNull(url, "url");
        if (poolSize < 1) {
            throw new IllegalArgumentException("ripple.store.pool-size must be at least 1, got " + poolSize);
        }
    }

    /** A store at {@code url} with no credentials and the default pool size. */
    public static StoreSettings of(String url) {
        return new StoreSettings(url, null, null, DEFAULT_POOL_SIZE);
    }

    /**
     * The zero-setup default: an SQLite file per actor type under {@code .ripple/data} in
     * the working directory, which is where {@code ripple up} starts functions.
     */
    public static String defaultUrl(String actorType) {
        return "jdbc:sqlite:.ripple/data/" + actorType + ".db";
    }

    @Override
    public String toString() {
        // Never print the password: settings end up in logs and error messages.
        return "StoreSettings[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}

package io.ripple.runtime.store.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.ripple.runtime.store.EventStoreException;
import io.ripple.runtime.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Opens the connection pool for {@link StoreSettings} with HikariCP.
 *
 * <p>Built here from {@code ripple.store.*} at run time rather than declared as a Quarkus
 * datasource, because a Quarkus datasource's database kind is fixed when the application
 * is built, and the same jar must run on SQLite or PostgreSQL depending on its
 * environment. HikariCP rather than Agroal because its connection wrappers are compiled
 * classes, which a class cache holds, where Agroal generates JDK proxies on every start
 * (see docs/adr/event-store-chosen-at-run-time.md).
 */
final class StoreDataSource {

    private StoreDataSource() {
    }

    /**
     * @param description the database as messages name it, without the URL's query (which
     *                    may carry a password)
     */
    static HikariDataSource open(StoreSettings settings, SqlDialect dialect, String description) {
        Optional<Path> file = dialect.databaseFile(settings.url());
        if (file.isPresent() && file.get().getParent() != null) {
            try {
                Files.createDirectories(file.get().getParent());
            } catch (IOException e) {
                throw new EventStoreException("cannot create the folder of the event store " + file.get()
                        + ": " + e.getMessage(), e);
            }
        }
        // Configured on the data source itself: HikariDataSource(HikariConfig) would copy every
        // setting over by reflection during the start.
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("ripple-store");
        pool.setMaximumPoolSize(settings.poolSize());
        // The connection the pool opens to check the database is kept for the first command
        // instead of being closed and opened again; connections beyond it close when idle.
        pool.setMinimumIdle(1);
        if (settings.poolSize() > 1) {
            pool.setIdleTimeout(Duration.ofMinutes(5).toMillis());
        }
        pool.setConnectionTimeout(Duration.ofSeconds(30).toMillis());
        // A database restart must not leave dead connections in the pool: HikariCP checks a
        // connection that sat idle before handing it out and drops one that failed with a
        // connection-level error.
        pool.setValidationTimeout(Duration.ofSeconds(5).toMillis());
        if (settings.user() != null) {
            pool.setUsername(settings.user());
        }
        if (settings.password() != null) {
            pool.setPassword(settings.password());
        }
        try {
            pool.setDataSource(dialect.dataSource(settings.url()));
            // The pool starts with its first connection: an unreachable database fails here.
            pool.getConnection().close();
            return pool;
        } catch (SQLException | HikariPool.PoolInitializationException | IllegalArgumentException e) {
            pool.close();
            Throwable reason = e instanceof HikariPool.PoolInitializationException && e.getCause() != null
                    ? e.getCause() : e;
            throw new EventStoreException("cannot open the event store (" + description + "): "
                    + reason.getMessage(), e);
        }
    }
}

package io.ripple.runtime.store.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.ripple.runtime.store.EventStore;
import io.ripple.runtime.store.EventStoreException;
import io.ripple.runtime.store.JdbcStore;
import io.ripple.runtime.store.StoreSettings;
import io.ripple.runtime.store.TimerQueue;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.flywaydb.core.api.FlywayException;

/** {@link JdbcStore} on a HikariCP pool; see {@link JdbcStore#open(StoreSettings)}. */
public final class JdbcDatabase implements JdbcStore {

    private final HikariDataSource dataSource;
    private final Transactions transactions;
    private final String description;
    private final JdbcEventStore eventStore;
    private final JdbcTimerQueue timerQueue;

    private JdbcDatabase(HikariDataSource dataSource, SqlDialect dialect, String description, Clock clock) {
        this.dataSource = dataSource;
        this.description = description;
        this.transactions = new Transactions(dataSource, dialect, description);
        this.eventStore = new JdbcEventStore(transactions, dialect, clock);
        this.timerQueue = new JdbcTimerQueue(transactions);
    }

    public static JdbcDatabase open(StoreSettings settings, Clock clock) {
        SqlDialect dialect = SqlDialect.of(settings.url());
        String description = dialect.name().toLowerCase(java.util.Locale.ROOT) + " " + withoutQuery(settings.url());
        HikariDataSource dataSource = StoreDataSource.open(settings, dialect, description);
        try {
            StoreMigrations.migrate(dataSource, dialect);
        } catch (FlywayException | EventStoreException e) {
            dataSource.close();
            throw new EventStoreException("cannot prepare the event store (" + description + "): " + e.getMessage(),
                    e);
        }
        return new JdbcDatabase(dataSource, dialect, description, clock);
    }

    private static String withoutQuery(String url) {
        // Query parameters may carry a password (jdbc:postgresql://...?password=...).
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    @Override
    public EventStore eventStore() {
        return eventStore;
    }

    @Override
    public TimerQueue timerQueue() {
        return timerQueue;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        transactions.close();
        dataSource.close();
    }

    @Override
    public String toString() {
        return "JdbcStore[" + description + "]";
    }
}

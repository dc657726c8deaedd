package io.ripple.runtime.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.ripple.runtime.store.EventStoreException;
import io.ripple.runtime.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/** Every pooled SQLite connection carries the settings the store's durability and locking rely on. */
class StoreDataSourceTest {

    @TempDir
    Path folder;

    @Test
    void sqliteConnectionsAreDurableWalWritersThatWaitForTheLock() throws SQLException {
        StoreSettings settings = new StoreSettings("jdbc:sqlite:" + folder.resolve("nested/s.db"), null, null, 2);
        try (HikariDataSource pool = StoreDataSource.open(settings, SqlDialect.SQLITE, "sqlite s.db");
                Connection first = pool.getConnection();
                Connection second = pool.getConnection()) {
            for (Connection connection : new Connection[] {first, second}) {
                assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
                assertThat(pragma(connection, "synchronous")).isEqualTo("2"); // FULL
                assertThat(pragma(connection, "busy_timeout")).isEqualTo("10000");
                assertThat(connection.unwrap(SQLiteConnection.class).getDatabase().getConfig().getTransactionMode())
                        .isEqualTo(SQLiteConfig.TransactionMode.IMMEDIATE);
            }
        }
        assertThat(folder.resolve("nested/s.db")).exists();
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsNamed() throws IOException {
        Path directory = Files.createDirectories(folder.resolve("a-directory"));
        StoreSettings settings = new StoreSettings("jdbc:sqlite:" + directory, null, null, 1);

        assertThatThrownBy(() -> StoreDataSource.open(settings, SqlDialect.SQLITE, "sqlite " + directory))
                .isInstanceOf(EventStoreException.class)
                .hasMessageStartingWith("cannot open the event store (sqlite " + directory + "): ");
    }

    @Test
    void postgresqlConnectionsBatchInsertsAndNameTheApplicationUnlessTheUrlSaysOtherwise() {
        PGSimpleDataSource defaults = (PGSimpleDataSource) SqlDialect.POSTGRESQL.dataSource("jdbc:postgresql://db/ripple");
        assertThat(defaults.getReWriteBatchedInserts()).isTrue();
        assertThat(defaults.getApplicationName()).isEqualTo("ripple");

        PGSimpleDataSource chosen = (PGSimpleDataSource) SqlDialect.POSTGRESQL.dataSource(
                "jdbc:postgresql://db/ripple?ApplicationName=orders&reWriteBatchedInserts=false");
        assertThat(chosen.getReWriteBatchedInserts()).isFalse();
        assertThat(chosen.getApplicationName()).isEqualTo("orders");
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA " + name)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }
}

package io.ripple.runtime.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.ripple.runtime.store.StoreSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway runs only when the history does not already record every migration as applied. */
class StoreMigrationsTest {

    @TempDir
    Path folder;

    private HikariDataSource dataSource;

    @BeforeEach
    void open() {
        dataSource = StoreDataSource.open(StoreSettings.of("jdbc:sqlite:" + folder.resolve("m.db")), SqlDialect.SQLITE, "sqlite m.db");
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void aNewDatabaseIsMigratedAndThenLeftAlone() {
        assertThat(StoreMigrations.isUpToDate(dataSource)).isFalse();

        assertThat(StoreMigrations.migrate(dataSource, SqlDialect.SQLITE)).isEqualTo(StoreMigrations.FILES.size());

        assertThat(StoreMigrations.isUpToDate(dataSource)).isTrue();
        assertThat(StoreMigrations.migrate(dataSource, SqlDialect.SQLITE)).isZero();
    }

    @Test
    void aFailedMigrationInTheHistoryHandsTheDecisionToFlyway() throws SQLException {
        StoreMigrations.migrate(dataSource, SqlDialect.SQLITE);

        execute("UPDATE " + StoreMigrations.HISTORY_TABLE + " SET success = 0");

        assertThat(StoreMigrations.isUpToDate(dataSource)).isFalse();
    }

    @Test
    void aMissingMigrationIsNotUpToDate() throws SQLException {
        StoreMigrations.migrate(dataSource, SqlDialect.SQLITE);

        execute("DELETE FROM " + StoreMigrations.HISTORY_TABLE + " WHERE version = '1'");

        assertThat(StoreMigrations.isUpToDate(dataSource)).isFalse();
    }

    @Test
    void versionsAreReadAsFlywayWritesThem() {
        assertThat(StoreMigrations.versionOf("V1__event_store.sql")).isEqualTo("1");
        assertThat(StoreMigrations.versionOf("V2_1__timers.sql")).isEqualTo("2.1");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

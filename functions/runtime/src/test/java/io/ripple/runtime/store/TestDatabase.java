package io.ripple.runtime.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An empty database of one backend for one test: an SQLite file in a temporary folder, or
 * a fresh schema on the PostgreSQL server (dropped afterwards). {@link #open()} may be
 * called several times: each call is another process's view of the same data (a restart,
 * a second instance).
 */
final class TestDatabase implements AutoCloseable {

    private final Backend backend;
    private final StoreSettings settings;
    private final String schema;

    private TestDatabase(Backend backend, StoreSettings settings, String schema) {
        this.backend = backend;
        this.settings = settings;
        this.schema = schema;
    }

    static TestDatabase create(Backend backend, Path folder) {
        if (backend == Backend.SQLITE) {
            Path file = folder.resolve("store-" + UUID.randomUUID() + ".db");
            return new TestDatabase(backend, StoreSettings.of("jdbc:sqlite:" + file), "");
        }
        PostgresServer.require();
        String schema = "test_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE SCHEMA " + schema);
        String url = PostgresServer.URL + (PostgresServer.URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(backend, new StoreSettings(url, PostgresServer.USER, PostgresServer.PASSWORD, 8),
                schema);
    }

    Backend backend() {
        return backend;
    }

    StoreSettings settings() {
        return settings;
    }

    JdbcStore open() {
        return JdbcStore.open(settings);
    }

    /** Runs SQL directly on the test database, bypassing the store (to inspect or tamper with it). */
    void sql(String statement) throws SQLException {
        try (Connection connection = connectDirectly(); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    /** The first column of every row {@code query} answers, as numbers. */
    List<Long> longs(String query) throws SQLException {
        try (Connection connection = connectDirectly(); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            List<Long> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getLong(1));
            }
            return values;
        }
    }

    private Connection connectDirectly() throws SQLException {
        if (backend == Backend.SQLITE) {
            return DriverManager.getConnection(settings.url());
        }
        Connection connection = PostgresServer.connect();
        connection.setSchema(schema);
        return connection;
    }

    @Override
    public void close() {
        if (backend == Backend.POSTGRESQL) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String statement) {
        try (Connection connection = PostgresServer.connect(); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return backend.name().toLowerCase();
    }
}

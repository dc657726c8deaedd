package io.ripple.runtime.store;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The PostgreSQL server the tests use: {@code RIPPLE_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:55432/ripple}, what {@code .ci/postgres.sh} starts),
 * user and password {@code ripple} unless {@code RIPPLE_TEST_PG_USER} /
 * {@code RIPPLE_TEST_PG_PASSWORD} say otherwise.
 *
 * <p>Outside CI a missing server skips the PostgreSQL tests with a message saying how to
 * start one; in CI ({@code CI=true}) it fails them, because CI starts the server.
 */
final class PostgresServer {

    static final String URL = env("RIPPLE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:55432/ripple");
    static final String USER = env("RIPPLE_TEST_PG_USER", "ripple");
    static final String PASSWORD = env("RIPPLE_TEST_PG_PASSWORD", "ripple");

    private static volatile String unreachableBecause;
    private static volatile boolean checked;

    private PostgresServer() {
    }

    /** Skips (or in CI fails) the calling test when the server does not answer. */
    static void require() {
        if (!checked) {
            synchronized (PostgresServer.class) {
                if (!checked) {
                    unreachableBecause = probe();
                    checked = true;
                }
            }
        }
        if (unreachableBecause == null) {
            return;
        }
        String message = "PostgreSQL not reachable at " + URL + " (" + unreachableBecause
                + "); start one with .ci/postgres.sh or set RIPPLE_TEST_PG_URL";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        assumeTrue(false, message);
    }

    /**
     * For {@code @EnabledIf}: run when the server answers, and always in CI, where a
     * missing server must fail the tests rather than skip them.
     */
    static boolean reachableOrInCi() {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return true;
        }
        return probe() == null;
    }

    static Connection connect() throws SQLException {
        return open(credentials());
    }

    // The driver directly, not DriverManager: Quarkus tests load classes in their own class
    // loader, where DriverManager may not see the driver.
    private static Connection open(Properties properties) throws SQLException {
        Connection connection = new org.postgresql.Driver().connect(URL, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL: " + URL);
        }
        return connection;
    }

    private static String probe() {
        Properties properties = credentials();
        properties.setProperty("connectTimeout", "3");
        try (Connection ignored = open(properties)) {
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static Properties credentials() {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        return properties;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

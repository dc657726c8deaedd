package io.ripple.runtime.store;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the oven application on a chosen database, configured only through
 * {@code ripple.store.*} at run time, the way {@code RIPPLE_STORE_URL} does it.
 */
final class StoreProfiles {

    private StoreProfiles() {
    }

    private static Map<String, String> common() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.funqy.export", "actor");
        config.put("quarkus.http.test-port", "0");
        // Published events land in memory; the tests read the store, not the broker.
        config.put("mp.messaging.outgoing.ripple-events.connector", "smallrye-in-memory");
        return config;
    }

    /** A fresh SQLite file under target/. */
    public static final class Sqlite implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = common();
            config.put("ripple.store.url", "jdbc:sqlite:target/ripple-it/oven-" + UUID.randomUUID() + ".db");
            return config;
        }
    }

    /** A fresh schema on the test PostgreSQL server. */
    public static final class Postgresql implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = common();
            if (!PostgresServer.reachableOrInCi()) {
                // Quarkus builds every test profile while it discovers the tests, before @EnabledIf
                // has disabled the PostgreSQL ones; without a server they are skipped, not broken.
                return config;
            }
            String schema = "app_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection connection = PostgresServer.connect(); Statement sql = connection.createStatement()) {
                sql.execute("CREATE SCHEMA " + schema);
            } catch (Exception e) {
                throw new IllegalStateException("cannot create schema " + schema + ": " + e.getMessage(), e);
            }
            config.put("ripple.store.url", PostgresServer.URL + (PostgresServer.URL.contains("?") ? "&" : "?")
                    + "currentSchema=" + schema);
            config.put("ripple.store.user", PostgresServer.USER);
            config.put("ripple.store.password", PostgresServer.PASSWORD);
            return config;
        }
    }
}

package io.ripple.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database restart or a killed session must not leave the store's pool handing out dead
 * connections: once the server ends the pool's sessions, the store works again.
 */
class DroppedConnectionTest {

    @BeforeEach
    void needsPostgres() {
        PostgresServer.require();
    }

    @Test
    void theStoreRecoversWhenTheServerEndsItsSessions() throws SQLException {
        Instant before = Instant.now().minusSeconds(1);
        try (JdbcStore store = JdbcStore.open(new StoreSettings(PostgresServer.URL, PostgresServer.USER,
                PostgresServer.PASSWORD, 2))) {
            assertThat(store.isReachable()).isTrue();

            assertThat(terminateSessionsStartedAfter(before)).isPositive();

            await().atMost(Duration.ofSeconds(20)).until(store::isReachable);
        }
    }

    /** Ends the store's sessions (the tests run one at a time, so only this test's pool is that young). */
    private static int terminateSessionsStartedAfter(Instant start) throws SQLException {
        try (Connection admin = PostgresServer.connect();
                PreparedStatement statement = admin.prepareStatement("""
                        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE application_name = 'ripple' AND usename = current_user
                          AND pid <> pg_backend_pid() AND backend_start >= ?""")) {
            statement.setTimestamp(1, Timestamp.from(start));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}

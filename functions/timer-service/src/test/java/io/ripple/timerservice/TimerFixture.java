package io.ripple.timerservice;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.ripple.runtime.store.JdbcStore;
import io.ripple.runtime.store.StoreSettings;
import io.ripple.runtime.store.StreamId;
import io.ripple.runtime.store.TimerChange;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * What the timer service finds when it starts: an actor's store (an SQLite file, or with
 * init arg {@code backend=postgresql} a fresh PostgreSQL schema), written by a function
 * that has since scaled to zero, holding a due timer, a cancelled one and one the broker
 * refuses once; and a broker ingress that records what it receives.
 */
public class TimerFixture implements QuarkusTestResourceLifecycleManager {

    static final StreamId OVEN = new StreamId("oven", "o-1");
    static final String DUE = "timer-due";
    static final String CANCELLED = "timer-cancelled";
    static final String REFUSED_ONCE = "timer-refused-once";

    static final String PG_URL = env("RIPPLE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:55432/ripple");
    static final String PG_USER = env("RIPPLE_TEST_PG_USER", "ripple");
    static final String PG_PASSWORD = env("RIPPLE_TEST_PG_PASSWORD", "ripple");

    static volatile SinkRecorder sink;
    static volatile Path folder;
    static volatile StoreSettings store;

    private boolean postgresql;
    private String schema;

    @Override
    public void init(Map<String, String> initArgs) {
        postgresql = "postgresql".equals(initArgs.get("backend"));
    }

    /** Where the actors' functions keep their events and timers. */
    static StoreSettings store() {
        return store;
    }

    /** A direct connection to that store, to look at its timers. */
    static Connection connect() throws SQLException {
        if (store.url().startsWith("jdbc:sqlite:")) {
            return new org.sqlite.JDBC().connect(store.url(), new Properties());
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", PG_USER);
        credentials.setProperty("password", PG_PASSWORD);
        return new org.postgresql.Driver().connect(store.url(), credentials);
    }

    /** For {@code @EnabledIf}: run on PostgreSQL when it answers, and always in CI. */
    static boolean postgresReachableOrInCi() {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return true;
        }
        Properties properties = new Properties();
        properties.setProperty("user", PG_USER);
        properties.setProperty("password", PG_PASSWORD);
        properties.setProperty("connectTimeout", "3");
        try (Connection ignored = new org.postgresql.Driver().connect(PG_URL, properties)) {
            return ignored != null;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static CloudEvent command(String id, StreamId to, Instant due) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("/actors/" + to.actorType() + "/" + to.actorId()))
                .withType("test.oven.stop-baking")
                .withSubject(to.actorId())
                .withTime(OffsetDateTime.ofInstant(due, ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData("{\"reason\":\"burnt\"}".getBytes(StandardCharsets.UTF_8))
                .withExtension("partitionkey", to.partitionKey())
                .withExtension(TimerChange.TIMER_EXTENSION, "bake-timeout")
                .build();
    }

    @Override
    public Map<String, String> start() {
        try {
            folder = Files.createDirectories(Path.of("target", "timer-it-" + UUID.randomUUID(), "data"));
            Map<String, String> config = new HashMap<>();
            if (postgresql) {
                schema = "timers_" + UUID.randomUUID().toString().replace("-", "");
                store = new StoreSettings(PG_URL, PG_USER, PG_PASSWORD, 2);
                try (Connection connection = connect(); Statement sql = connection.createStatement()) {
                    sql.execute("CREATE SCHEMA " + schema);
                }
                store = new StoreSettings(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                        PG_USER, PG_PASSWORD, 2);
                config.put("ripple.store.url", store.url());
                config.put("ripple.store.user", PG_USER);
                config.put("ripple.store.password", PG_PASSWORD);
            } else {
                store = StoreSettings.of("jdbc:sqlite:" + folder.resolve("oven.db"));
            }
            sink = new SinkRecorder();
            sink.refuseFirstDeliveryOf(REFUSED_ONCE);
            Instant past = Instant.now().minusSeconds(5);
            // The function that decided these has stopped: only the store remembers them.
            try (JdbcStore function = JdbcStore.open(store())) {
                StreamId other = new StreamId("oven", "o-2");
                StreamId third = new StreamId("oven", "o-3");
                function.eventStore().append(other, 0, "bake-2", List.of(), List.of(
                        new TimerChange.Schedule("bake-timeout", past.minusSeconds(1), command(CANCELLED, other, past))));
                function.eventStore().append(other, 0, "stop-2", List.of(), List.of(new TimerChange.Cancel("bake-timeout")));
                function.eventStore().append(OVEN, 0, "bake-1", List.of(), List.of(
                        new TimerChange.Schedule("bake-timeout", past, command(DUE, OVEN, past))));
                function.eventStore().append(third, 0, "bake-3", List.of(), List.of(
                        new TimerChange.Schedule("bake-timeout", past, command(REFUSED_ONCE, third, past))));
            }
            config.put("ripple.timers.sqlite-folder", folder.toString());
            config.put("ripple.timers.sink", sink.url());
            config.put("ripple.timers.poll-interval", "1s");
            config.put("ripple.timers.max-retry-delay", "1s");
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the timer fixture: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (sink != null) {
            sink.close();
        }
        if (schema != null) {
            store = new StoreSettings(PG_URL, PG_USER, PG_PASSWORD, 2);
            try (Connection connection = connect(); Statement sql = connection.createStatement()) {
                sql.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop schema " + schema + ": " + e.getMessage(), e);
            }
        }
    }
}

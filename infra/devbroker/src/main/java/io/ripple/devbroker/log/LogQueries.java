package io.ripple.devbroker.log;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * Read-only queries over the log for the HTTP API (event search, deliveries of an event, dead
 * letters). WAL mode lets them run while the writer commits.
 */
public final class LogQueries implements AutoCloseable {

    private final String url;
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(4);

    public LogQueries(String url) {
        this.url = url;
    }

    /** Events matching {@code query}, in log order. */
    public List<LoggedEvent> events(EventQuery query) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT seq, broker, arrival_ms, payload FROM events WHERE seq > ?");
        List<Object> params = new ArrayList<>();
        params.add(query.afterSeq());
        condition(sql, params, "correlationid = ?", query.correlationId());
        condition(sql, params, "type = ?", query.type());
        condition(sql, params, "subject = ?", query.subject());
        condition(sql, params, "source = ?", query.source());
        condition(sql, params, "broker = ?", query.broker());
        condition(sql, params, "arrival_ms >= ?", query.sinceMs());
        condition(sql, params, "arrival_ms < ?", query.untilMs());
        sql.append(" ORDER BY seq LIMIT ?");
        params.add(query.limit());
        return withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                bind(statement, params);
                return loggedEvents(statement);
            }
        });
    }

    /** Every stored event with this CloudEvents {@code id} (ids are unique per source only). */
    public List<LoggedEvent> eventsWithId(String id) throws SQLException {
        return withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT seq, broker, arrival_ms, payload FROM events WHERE event_id = ? ORDER BY seq")) {
                statement.setString(1, id);
                return loggedEvents(statement);
            }
        });
    }

    /** Delivery records of the event at {@code seq}, oldest first. */
    public List<DeliveryRecord> deliveriesOf(long seq) throws SQLException {
        return withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT trigger, event_seq, outcome,"
                    + " attempts, status_code, detail, started_ms, finished_ms FROM deliveries WHERE event_seq = ?"
                    + " ORDER BY id")) {
                statement.setLong(1, seq);
                List<DeliveryRecord> records = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        records.add(new DeliveryRecord(rows.getString(1), rows.getLong(2),
                                DeliveryOutcome.valueOf(rows.getString(3).toUpperCase(java.util.Locale.ROOT)
                                        .replace('-', '_')),
                                rows.getInt(4), nullableInt(rows, 5), rows.getString(6), rows.getLong(7),
                                rows.getLong(8)));
                    }
                }
                return records;
            }
        });
    }

    /** Dead letters after {@code afterId}, optionally of one trigger, event seq or state. */
    public List<DeadLetter> deadLetters(@Nullable String trigger, @Nullable String state, @Nullable Long eventSeq,
            long afterId, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, trigger, broker, event_seq, event_id, payload, reason,"
                + " status_code, error_data, attempts, created_ms, state, replays, updated_ms FROM dead_letters"
                + " WHERE id > ?");
        List<Object> params = new ArrayList<>();
        params.add(afterId);
        condition(sql, params, "trigger = ?", trigger);
        condition(sql, params, "state = ?", state);
        condition(sql, params, "event_seq = ?", eventSeq);
        sql.append(" ORDER BY id LIMIT ?");
        params.add(limit);
        return withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                bind(statement, params);
                List<DeadLetter> letters = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        letters.add(new DeadLetter(rows.getLong(1), rows.getString(2), rows.getString(3),
                                rows.getLong(4), rows.getString(5), rows.getBytes(6), rows.getString(7),
                                nullableInt(rows, 8), rows.getString(9), rows.getInt(10), rows.getLong(11),
                                rows.getString(12), rows.getInt(13), rows.getLong(14)));
                    }
                }
                return letters;
            }
        });
    }

    /** One dead letter by id. */
    public Optional<DeadLetter> deadLetter(long id) throws SQLException {
        List<DeadLetter> letters = deadLetters(null, null, null, id - 1, 1);
        return letters.isEmpty() || letters.get(0).id() != id ? Optional.empty() : Optional.of(letters.get(0));
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, @Nullable Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            params.add(value);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
    }

    private static List<LoggedEvent> loggedEvents(PreparedStatement statement) throws SQLException {
        List<LoggedEvent> events = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                events.add(new LoggedEvent(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getBytes(4)));
            }
        }
        return events;
    }

    private static @Nullable Integer nullableInt(ResultSet rows, int column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? null : value;
    }

    private interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(Query<T> query) throws SQLException {
        Connection connection = idle.poll();
        if (connection == null) {
            connection = DriverManager.getConnection(url);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout=10000");
                statement.execute("PRAGMA query_only=true");
            }
        }
        try {
            return query.run(connection);
        } finally {
            if (!idle.offer(connection)) {
                connection.close();
            }
        }
    }

    @Override
    public void close() {
        Connection connection;
        while ((connection = idle.poll()) != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing a read-only connection: nothing to lose
            }
        }
    }
}

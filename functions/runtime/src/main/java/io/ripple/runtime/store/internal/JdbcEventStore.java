package io.ripple.runtime.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.ripple.runtime.store.EventStore;
import io.ripple.runtime.store.EventStoreException;
import io.ripple.runtime.store.EventStream;
import io.ripple.runtime.store.Snapshot;
import io.ripple.runtime.store.StreamId;
import io.ripple.runtime.store.TimerChange;
import io.ripple.runtime.store.VersionConflictException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The event store on a JDBC database (SQLite or PostgreSQL, schema {@code db/ripple}).
 *
 * <p>An append is one transaction: move the stream head from the expected version (the
 * optimistic-concurrency check), record the command id with its event ids, insert the
 * events, apply timer changes. A lost race surfaces as a unique or version violation and
 * becomes a {@link VersionConflictException}; the transaction leaves no trace.
 */
public final class JdbcEventStore implements EventStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Transactions transactions;
    private final SqlDialect dialect;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    JdbcEventStore(Transactions transactions, SqlDialect dialect, Clock clock) {
        this.transactions = transactions;
        this.dialect = dialect;
        this.clock = clock;
    }

    @Override
    public EventStream load(StreamId stream) {
        return load(stream, 0);
    }

    @Override
    public EventStream load(StreamId stream, long afterVersion) {
        try {
            return transactions.read(connection -> {
                // One statement, so the head version and the events are read consistently.
                try (PreparedStatement select = connection.prepareStatement("SELECT s.version, e.attributes, e.data "
                        + "FROM ripple_streams s LEFT JOIN ripple_events e ON e.actor_type = s.actor_type "
                        + "AND e.actor_id = s.actor_id AND e.version > ? "
                        + "WHERE s.actor_type = ? AND s.actor_id = ? ORDER BY e.version")) {
                    select.setLong(1, afterVersion);
                    select.setString(2, stream.actorType());
                    select.setString(3, stream.actorId());
                    List<CloudEvent> events = new ArrayList<>();
                    long version = 0;
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            version = rows.getLong(1);
                            String attributes = rows.getString(2);
                            if (attributes != null) {
                                events.add(CloudEventColumns.restore(attributes, rows.getBytes(3)));
                            }
                        }
                    }
                    return new EventStream(stream, version, events, afterVersion);
                }
            });
        } catch (SQLException e) {
            throw new EventStoreException("loading " + stream + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<List<CloudEvent>> eventsOfCommand(StreamId stream, String commandId) {
        try {
            return transactions.read(connection -> {
                long firstVersion;
                List<String> eventIds;
                try (PreparedStatement select = connection.prepareStatement("SELECT first_version, event_ids "
                        + "FROM ripple_commands WHERE actor_type = ? AND actor_id = ? AND command_id = ?")) {
                    select.setString(1, stream.actorType());
                    select.setString(2, stream.actorId());
                    select.setString(3, commandId);
                    try (ResultSet row = select.executeQuery()) {
                        if (!row.next()) {
                            return Optional.empty();
                        }
                        firstVersion = row.getLong(1);
                        eventIds = readIds(row.getString(2));
                    }
                }
                if (eventIds.isEmpty()) {
                    return Optional.of(List.of());
                }
                return Optional.of(eventsBetween(connection, stream, firstVersion, eventIds));
            });
        } catch (SQLException e) {
            throw new EventStoreException("looking up command " + commandId + " of " + stream + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static List<CloudEvent> eventsBetween(Connection connection, StreamId stream, long firstVersion,
            List<String> eventIds) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT event_id, attributes, data "
                + "FROM ripple_events WHERE actor_type = ? AND actor_id = ? AND version >= ? AND version < ? "
                + "ORDER BY version")) {
            select.setString(1, stream.actorType());
            select.setString(2, stream.actorId());
            select.setLong(3, firstVersion);
            select.setLong(4, firstVersion + eventIds.size());
            List<CloudEvent> events = new ArrayList<>(eventIds.size());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    if (events.size() >= eventIds.size() || !id.equals(eventIds.get(events.size()))) {
                        break;
                    }
                    events.add(CloudEventColumns.restore(rows.getString(2), rows.getBytes(3)));
                }
            }
            if (events.size() != eventIds.size()) {
                throw new EventStoreException("stream " + stream + " lacks events " + eventIds
                        + " recorded from version " + firstVersion + ": the store was altered");
            }
            return events;
        }
    }

    @Override
    public void append(StreamId stream, long expectedVersion, String commandId, List<CloudEvent> events) {
        append(stream, expectedVersion, commandId, events, List.of());
    }

    @Override
    public void append(StreamId stream, long expectedVersion, String commandId, List<CloudEvent> events,
            List<TimerChange> timers) {
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expected version must not be negative: " + expectedVersion);
        }
        long now = clock.millis();
        String eventIds = writeIds(events);
        try {
            transactions.write(connection -> {
                advanceHead(connection, stream, expectedVersion, expectedVersion + events.size());
                recordCommand(connection, stream, commandId, expectedVersion + 1, eventIds, now);
                insertEvents(connection, stream, expectedVersion, commandId, events, now);
                JdbcTimerQueue.apply(connection, stream, timers, now);
                return null;
            });
        } catch (VersionConflictException conflict) {
            throw conflict;
        } catch (SQLException e) {
            if (dialect.causedByUniqueViolation(e)) {
                // Another delivery appended at this version or recorded this command first.
                throw new VersionConflictException(stream, expectedVersion);
            }
            throw new EventStoreException("appending to " + stream + " failed: " + e.getMessage(), e);
        }
    }

    /** Moves the head from the expected version, or fails the append with a conflict. */
    private static void advanceHead(Connection connection, StreamId stream, long expected, long next)
            throws SQLException {
        int moved;
        if (expected == 0) {
            // A new stream, or one whose commands so far produced no events (head at 0).
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO ripple_streams "
                    + "(actor_type, actor_id, version) VALUES (?, ?, ?) ON CONFLICT (actor_type, actor_id) "
                    + "DO UPDATE SET version = excluded.version WHERE ripple_streams.version = 0")) {
                upsert.setString(1, stream.actorType());
                upsert.setString(2, stream.actorId());
                upsert.setLong(3, next);
                moved = upsert.executeUpdate();
            }
        } else {
            try (PreparedStatement update = connection.prepareStatement("UPDATE ripple_streams SET version = ? "
                    + "WHERE actor_type = ? AND actor_id = ? AND version = ?")) {
                update.setLong(1, next);
                update.setString(2, stream.actorType());
                update.setString(3, stream.actorId());
                update.setLong(4, expected);
                moved = update.executeUpdate();
            }
        }
        if (moved != 1) {
            throw new VersionConflictException(stream, expected);
        }
    }

    private static void recordCommand(Connection connection, StreamId stream, String commandId, long firstVersion,
            String eventIds, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ripple_commands "
                + "(actor_type, actor_id, command_id, first_version, event_ids, recorded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, stream.actorType());
            insert.setString(2, stream.actorId());
            insert.setString(3, commandId);
            insert.setLong(4, firstVersion);
            insert.setString(5, eventIds);
            insert.setLong(6, now);
            insert.executeUpdate();
        }
    }

    private static void insertEvents(Connection connection, StreamId stream, long expectedVersion, String commandId,
            List<CloudEvent> events, long now) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ripple_events (actor_type, actor_id, "
                + "version, event_id, event_type, command_id, recorded_at, attributes, data) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            long version = expectedVersion;
            for (CloudEvent event : events) {
                version++;
                insert.setString(1, stream.actorType());
                insert.setString(2, stream.actorId());
                insert.setLong(3, version);
                insert.setString(4, event.getId());
                insert.setString(5, event.getType());
                insert.setString(6, commandId);
                insert.setLong(7, now);
                insert.setString(8, CloudEventColumns.attributes(event));
                insert.setBytes(9, CloudEventColumns.data(event));
                if (events.size() == 1) {
                    insert.executeUpdate();
                } else {
                    insert.addBatch();
                }
            }
            if (events.size() > 1) {
                insert.executeBatch();
            }
        }
    }

    @Override
    public Optional<Snapshot> loadSnapshot(StreamId stream) {
        try {
            return transactions.read(connection -> {
                try (PreparedStatement select = connection.prepareStatement("SELECT version, state_shape, state "
                        + "FROM ripple_snapshots WHERE actor_type = ? AND actor_id = ?")) {
                    select.setString(1, stream.actorType());
                    select.setString(2, stream.actorId());
                    try (ResultSet row = select.executeQuery()) {
                        if (!row.next()) {
                            return Optional.empty();
                        }
                        byte[] state = row.getBytes(3);
                        return Optional.of(new Snapshot(row.getLong(1), row.getString(2),
                                state == null ? new byte[0] : state));
                    }
                }
            });
        } catch (SQLException e) {
            throw new EventStoreException("loading the snapshot of " + stream + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void saveSnapshot(StreamId stream, Snapshot snapshot) {
        long now = clock.millis();
        try {
            transactions.write(connection -> {
                // Keep the newest; a snapshot of another shape (a newer deployment) replaces any.
                try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO ripple_snapshots "
                        + "(actor_type, actor_id, version, state_shape, state, recorded_at) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (actor_type, actor_id) DO UPDATE SET version = excluded.version, "
                        + "state_shape = excluded.state_shape, state = excluded.state, recorded_at = excluded.recorded_at "
                        + "WHERE ripple_snapshots.version < excluded.version "
                        + "OR ripple_snapshots.state_shape <> excluded.state_shape")) {
                    upsert.setString(1, stream.actorType());
                    upsert.setString(2, stream.actorId());
                    upsert.setLong(3, snapshot.version());
                    upsert.setString(4, snapshot.shape());
                    upsert.setBytes(5, snapshot.state());
                    upsert.setLong(6, now);
                    return upsert.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new EventStoreException("saving a snapshot of " + stream + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isTimerCancelled(StreamId owner, String timerId) {
        try {
            return transactions.read(connection -> JdbcTimerQueue.isCancelled(connection, owner, timerId));
        } catch (SQLException e) {
            throw new EventStoreException("looking up timer " + timerId + " of " + owner + " failed: "
                    + e.getMessage(), e);
        }
    }

    private String writeIds(List<CloudEvent> events) {
        List<String> ids = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            ids.add(event.getId());
        }
        try {
            return json.writeValueAsString(ids);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always encodes", e);
        }
    }

    private List<String> readIds(String text) {
        try {
            return json.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            throw new EventStoreException("stored event ids '" + text + "' are not a JSON array", e);
        }
    }
}

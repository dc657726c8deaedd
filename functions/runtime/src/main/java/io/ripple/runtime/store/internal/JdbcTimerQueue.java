package io.ripple.runtime.store.internal;

import io.ripple.runtime.store.DueTimer;
import io.ripple.runtime.store.EventStoreException;
import io.ripple.runtime.store.StreamId;
import io.ripple.runtime.store.TimerChange;
import io.ripple.runtime.store.TimerQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Timers in table {@code ripple_timers}: written with an actor's events (see
 * {@link #apply}), claimed and marked by the timer service.
 *
 * <p>A claim moves {@code next_attempt_at} forward by the lease with a compare-and-set on
 * its old value, so two timer services never send the same timer at once, and a service
 * that dies while sending only delays the timer by the lease.
 */
public final class JdbcTimerQueue implements TimerQueue {

    private static final String PENDING = "fired_at IS NULL AND cancelled_at IS NULL";

    private final Transactions transactions;

    JdbcTimerQueue(Transactions transactions) {
        this.transactions = transactions;
    }

    /** Applies a decision's timer changes inside its append transaction. */
    static void apply(Connection connection, StreamId owner, List<TimerChange> changes, long now)
            throws SQLException {
        for (TimerChange change : changes) {
            // Scheduling a name replaces the timers of that name, like cancelling it first.
            cancel(connection, owner, change.timerName(), now);
            if (change instanceof TimerChange.Schedule schedule) {
                insert(connection, owner, schedule, now);
            }
        }
    }

    private static void cancel(Connection connection, StreamId owner, String timerName, long now)
            throws SQLException {
        // Fired timers too: their command may still be on its way, and the actor drops it
        // when it sees the timer cancelled (EventStore.isTimerCancelled).
        try (PreparedStatement update = connection.prepareStatement("UPDATE ripple_timers SET cancelled_at = ? "
                + "WHERE actor_type = ? AND actor_id = ? AND timer_name = ? AND cancelled_at IS NULL")) {
            update.setLong(1, now);
            update.setString(2, owner.actorType());
            update.setString(3, owner.actorId());
            update.setString(4, timerName);
            update.executeUpdate();
        }
    }

    private static void insert(Connection connection, StreamId owner, TimerChange.Schedule schedule, long now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ripple_timers (actor_type, actor_id, "
                + "timer_id, timer_name, due_at, attributes, data, scheduled_at, next_attempt_at, attempts) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
            long due = schedule.dueAt().toEpochMilli();
            insert.setString(1, owner.actorType());
            insert.setString(2, owner.actorId());
            insert.setString(3, schedule.timerId());
            insert.setString(4, schedule.timerName());
            insert.setLong(5, due);
            insert.setString(6, CloudEventColumns.attributes(schedule.command()));
            insert.setBytes(7, CloudEventColumns.data(schedule.command()));
            insert.setLong(8, now);
            insert.setLong(9, due);
            insert.executeUpdate();
        }
    }

    static boolean isCancelled(Connection connection, StreamId owner, String timerId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT cancelled_at FROM ripple_timers "
                + "WHERE actor_type = ? AND actor_id = ? AND timer_id = ?")) {
            select.setString(1, owner.actorType());
            select.setString(2, owner.actorId());
            select.setString(3, timerId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
                row.getLong(1);
                return !row.wasNull();
            }
        }
    }

    @Override
    public List<DueTimer> claimDue(Instant now, Duration lease, int limit) {
        long nowMillis = now.toEpochMilli();
        long leaseEnd = now.plus(lease).toEpochMilli();
        try {
            return transactions.write(connection -> {
                List<Candidate> candidates = dueCandidates(connection, nowMillis, limit);
                List<DueTimer> claimed = new ArrayList<>(candidates.size());
                try (PreparedStatement claim = connection.prepareStatement("UPDATE ripple_timers "
                        + "SET next_attempt_at = ?, attempts = attempts + 1 "
                        + "WHERE actor_type = ? AND actor_id = ? AND timer_id = ? AND next_attempt_at = ? AND "
                        + PENDING)) {
                    for (Candidate candidate : candidates) {
                        DueTimer timer = candidate.timer();
                        claim.setLong(1, leaseEnd);
                        claim.setString(2, timer.owner().actorType());
                        claim.setString(3, timer.owner().actorId());
                        claim.setString(4, timer.timerId());
                        claim.setLong(5, candidate.nextAttemptAt());
                        if (claim.executeUpdate() == 1) {
                            claimed.add(timer);
                        }
                    }
                }
                return claimed;
            });
        } catch (SQLException e) {
            throw new EventStoreException("claiming due timers failed: " + e.getMessage(), e);
        }
    }

    private record Candidate(DueTimer timer, long nextAttemptAt) {
    }

    private static List<Candidate> dueCandidates(Connection connection, long now, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT actor_type, actor_id, timer_id, "
                + "timer_name, due_at, attempts, next_attempt_at, attributes, data FROM ripple_timers WHERE "
                + PENDING + " AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?")) {
            select.setLong(1, now);
            select.setInt(2, limit);
            List<Candidate> candidates = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    DueTimer timer = new DueTimer(new StreamId(rows.getString(1), rows.getString(2)),
                            rows.getString(3), rows.getString(4), Instant.ofEpochMilli(rows.getLong(5)),
                            rows.getInt(6) + 1, CloudEventColumns.restore(rows.getString(8), rows.getBytes(9)));
                    candidates.add(new Candidate(timer, rows.getLong(7)));
                }
            }
            return candidates;
        }
    }

    @Override
    public void markFired(DueTimer timer, Instant firedAt) {
        update(timer, "fired", "UPDATE ripple_timers SET fired_at = ?, last_error = NULL "
                + "WHERE actor_type = ? AND actor_id = ? AND timer_id = ? AND fired_at IS NULL", statement -> {
                    statement.setLong(1, firedAt.toEpochMilli());
                    return 2;
                });
    }

    @Override
    public void markFailed(DueTimer timer, Instant retryAt, String error) {
        update(timer, "failed", "UPDATE ripple_timers SET next_attempt_at = ?, last_error = ? "
                + "WHERE actor_type = ? AND actor_id = ? AND timer_id = ? AND fired_at IS NULL", statement -> {
                    statement.setLong(1, retryAt.toEpochMilli());
                    statement.setString(2, error);
                    return 3;
                });
    }

    /** Sets the leading parameters of a statement; answers the index of the next one. */
    @FunctionalInterface
    private interface Leading {
        int set(PreparedStatement statement) throws SQLException;
    }

    private void update(DueTimer timer, String outcome, String sql, Leading leading) {
        try {
            transactions.write(connection -> {
                try (PreparedStatement update = connection.prepareStatement(sql)) {
                    int next = leading.set(update);
                    update.setString(next, timer.owner().actorType());
                    update.setString(next + 1, timer.owner().actorId());
                    update.setString(next + 2, timer.timerId());
                    return update.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new EventStoreException("marking timer " + timer.timerId() + " " + outcome + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public int purgeFinished(Instant before) {
        long limit = before.toEpochMilli();
        try {
            return transactions.write(connection -> {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM ripple_timers WHERE "
                        + "(fired_at IS NOT NULL AND fired_at < ?) OR (cancelled_at IS NOT NULL AND cancelled_at < ?)")) {
                    delete.setLong(1, limit);
                    delete.setLong(2, limit);
                    return delete.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new EventStoreException("purging finished timers failed: " + e.getMessage(), e);
        }
    }
}

package io.ripple.devbroker.log;

import io.cloudevents.CloudEvent;
import io.ripple.devbroker.filter.EventAttributes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The durable event log: an SQLite file in WAL mode written by one thread with group commit.
 *
 * <p>Every write (accepted events, delivery records, dead letters, trigger progress) is queued;
 * the writer thread takes whatever is queued, writes it in one transaction and commits, and only
 * then completes the callers' futures. Concurrent ingress requests therefore share one fsync,
 * and an event is acknowledged (202) only once it is on disk.
 *
 * <p>Sequence numbers are assigned by the writer, contiguous and in commit order, so a trigger
 * can tell from a gap that it missed a batch and must read the log instead.
 */
public final class EventLog implements AutoCloseable {

    /** Told, on the writer thread, about every batch of events just committed (in seq order). */
    public interface CommitListener {
        void committed(List<StoredEvent> events);
    }

    /**
     * Delivery progress per trigger: the writer asks for changed offsets before each batch, writes
     * them in the batch and confirms once committed.
     */
    public interface ProgressSource {
        Map<String, Long> changedOffsets();

        void persisted(Map<String, Long> offsets);
    }

    private static final Logger LOG = Logger.getLogger(EventLog.class);
    private static final int MAX_BATCH = 2048;
    private static final int MAX_QUEUED_APPENDS = 100_000;
    private static final long DEFAULT_WAL_LIMIT = 64L * 1024 * 1024;

    private final LogOwnership ownership;
    private final String url;
    private final long walLimitBytes;
    private final Connection writer;
    private final Connection catchUpReader;
    private final BlockingQueue<WriteOp> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Thread checkpointer;
    private final Path walFile;
    private final PreparedStatement insertEvent;
    private final PreparedStatement insertDelivery;
    private final PreparedStatement insertDeadLetter;
    private final PreparedStatement updateDeadLetter;
    private final PreparedStatement upsertProgress;
    private volatile boolean running = true;
    private volatile long head;
    private volatile CommitListener listener = events -> { };
    private volatile ProgressSource progress = new ProgressSource() {
        @Override
        public Map<String, Long> changedOffsets() {
            return Map.of();
        }

        @Override
        public void persisted(Map<String, Long> offsets) {
        }
    };
    private long nextSeq;
    private long nextDeadLetterId;
    // Writer statistics, logged at DEBUG every 10 s (writer thread only).
    private long statsSince = System.nanoTime();
    private long statsBatches;
    private long statsOps;
    private long statsCommitNanos;
    private long statsMaxCommitNanos;

    private EventLog(Path file, boolean fsync, Duration busyTimeout, long walLimitBytes, LogOwnership ownership)
            throws SQLException {
        this.ownership = ownership;
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        this.walLimitBytes = walLimitBytes;
        this.walFile = file.resolveSibling(file.getFileName() + "-wal");
        this.writer = DriverManager.getConnection(url);
        try (Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            // FULL: each commit is fsynced (power-loss safe); NORMAL: WAL survives a killed process.
            statement.execute("PRAGMA synchronous=" + (fsync ? "FULL" : "NORMAL"));
            // How long a commit waits for a lock someone else holds (a backup, a sqlite3 shell)
            // before its batch fails: ingress answers 503, deliveries whose reply failed are retried.
            statement.execute("PRAGMA busy_timeout=" + busyTimeout.toMillis());
            // Checkpoints run on their own thread (see checkpointLoop), not after a commit of the writer.
            statement.execute("PRAGMA wal_autocheckpoint=0");
            statement.execute("PRAGMA journal_size_limit=" + walLimitBytes);
            for (String ddl : Schema.DDL) {
                statement.execute(ddl);
            }
        }
        writer.setAutoCommit(false);
        writer.commit();
        this.head = singleLong(writer, "SELECT COALESCE(MAX(seq), 0) FROM events");
        this.nextSeq = head + 1;
        this.nextDeadLetterId = singleLong(writer, "SELECT COALESCE(MAX(id), 0) FROM dead_letters") + 1;
        writer.commit();
        this.insertEvent = writer.prepareStatement("INSERT INTO events(seq, broker, event_id, source, type, subject,"
                + " correlationid, partitionkey, arrival_ms, payload) VALUES (?,?,?,?,?,?,?,?,?,?)");
        this.insertDelivery = writer.prepareStatement("INSERT INTO deliveries(trigger, event_seq, outcome, attempts,"
                + " status_code, detail, started_ms, finished_ms) VALUES (?,?,?,?,?,?,?,?)");
        this.insertDeadLetter = writer.prepareStatement("INSERT INTO dead_letters(id, trigger, broker, event_seq,"
                + " event_id, payload, reason, status_code, error_data, attempts, created_ms, state, replays,"
                + " updated_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        this.updateDeadLetter = writer.prepareStatement("UPDATE dead_letters SET state = ?, reason = ?,"
                + " status_code = ?, error_data = ?, attempts = ?, replays = replays + 1, updated_ms = ? WHERE id = ?");
        this.upsertProgress = writer.prepareStatement("INSERT INTO trigger_progress(trigger, acked_through)"
                + " VALUES (?, ?) ON CONFLICT(trigger) DO UPDATE SET acked_through = excluded.acked_through");
        this.catchUpReader = DriverManager.getConnection(url);
        try (Statement statement = catchUpReader.createStatement()) {
            statement.execute("PRAGMA busy_timeout=10000");
        }
        this.thread = new Thread(this::writeLoop, "ripple-log-writer");
        this.thread.setDaemon(true);
        this.checkpointer = new Thread(this::checkpointLoop, "ripple-log-checkpoint");
        this.checkpointer.setDaemon(true);
    }

    /** Opens (creating if needed) {@code <dataDir>/broker.db} and starts the writer thread. */
    public static EventLog open(Path dataDir, boolean fsync) {
        return open(dataDir, fsync, Duration.ofSeconds(10));
    }

    /**
     * Opens (creating if needed) {@code <dataDir>/broker.db} and starts the writer thread; a
     * write waits at most {@code busyTimeout} for a database lock held by another connection.
     */
    public static EventLog open(Path dataDir, boolean fsync, Duration busyTimeout) {
        return open(dataDir, fsync, busyTimeout, DEFAULT_WAL_LIMIT);
    }

    /** As {@link #open(Path, boolean, Duration)}; past {@code walLimitBytes} the writer checkpoints the WAL itself. */
    static EventLog open(Path dataDir, boolean fsync, Duration busyTimeout, long walLimitBytes) {
        LogOwnership ownership;
        try {
            Files.createDirectories(dataDir);
            ownership = LogOwnership.take(dataDir);
        } catch (IOException e) {
            throw cannotOpen(dataDir, e);
        }
        try {
            EventLog log = new EventLog(dataDir.resolve("broker.db"), fsync, busyTimeout, walLimitBytes, ownership);
            log.thread.start();
            log.checkpointer.start();
            return log;
        } catch (SQLException e) {
            // Not opened, so not owned: a broker started after this one failed may take the directory.
            ownership.close();
            throw cannotOpen(dataDir, e);
        } catch (RuntimeException e) {
            ownership.close();
            throw e;
        }
    }

    private static IllegalStateException cannotOpen(Path dataDir, Exception cause) {
        return new IllegalStateException("cannot open the event log in " + dataDir.toAbsolutePath()
                + " (ripple.broker.data-dir): " + cause.getMessage(), cause);
    }

    /** JDBC URL of the log, for read-only query connections. */
    public String url() {
        return url;
    }

    /** Seq of the last committed event (0 when the log is empty). */
    public long head() {
        return head;
    }

    public void onCommit(CommitListener listener) {
        this.listener = listener;
    }

    public void progressFrom(ProgressSource source) {
        this.progress = source;
    }

    /** {@code true} while the writer thread runs. */
    public boolean isWriting() {
        return running && thread.isAlive();
    }

    /**
     * Queues an accepted event; the future completes once it is committed (fsynced when
     * {@code ripple.broker.fsync=true}).
     *
     * @param json the event in CloudEvents JSON, serialized by the caller so the writer only writes
     */
    public CompletableFuture<StoredEvent> append(String broker, CloudEvent event, byte[] json, long arrivalMs) {
        if (!running) {
            return CompletableFuture.failedFuture(new LogUnavailableException("the event log is closing"));
        }
        if (queue.size() > MAX_QUEUED_APPENDS) {
            return CompletableFuture.failedFuture(new LogUnavailableException("the event log is overloaded"));
        }
        Append append = new Append(broker, event, json, arrivalMs, new CompletableFuture<>());
        queue.add(append);
        return append.done;
    }

    /** Queues a delivery record; completes once committed. */
    public CompletableFuture<Void> record(DeliveryRecord record) {
        Recorded op = new Recorded(record, new CompletableFuture<>());
        queue.add(op);
        return op.done;
    }

    /** Queues a new dead letter ({@code id} ignored); completes with its id once committed. */
    public CompletableFuture<Long> storeDeadLetter(DeadLetter deadLetter) {
        StoreDeadLetter op = new StoreDeadLetter(deadLetter, new CompletableFuture<>());
        queue.add(op);
        return op.done;
    }

    /** Records the result of a replay of dead letter {@code id}. */
    public CompletableFuture<Void> replayed(long id, String state, String reason, @Nullable Integer statusCode,
            @Nullable String errorData, int attempts) {
        ReplayResult op = new ReplayResult(id, state, reason, statusCode, errorData, attempts,
                new CompletableFuture<>());
        queue.add(op);
        return op.done;
    }

    /** Saved delivery progress: trigger key to the seq through which everything is done. */
    public Map<String, Long> loadProgress() {
        Map<String, Long> offsets = new HashMap<>();
        synchronized (catchUpReader) {
            try (Statement statement = catchUpReader.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT trigger, acked_through FROM trigger_progress")) {
                while (rows.next()) {
                    offsets.put(rows.getString(1), rows.getLong(2));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read trigger progress: " + e.getMessage(), e);
            }
        }
        return offsets;
    }

    /** Up to {@code limit} events with seq greater than {@code afterSeq}, in seq order. */
    public List<StoredEvent> readAfter(long afterSeq, int limit) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        synchronized (catchUpReader) {
            try (PreparedStatement query = catchUpReader.prepareStatement(
                    "SELECT seq, broker, arrival_ms, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?")) {
                query.setLong(1, afterSeq);
                query.setInt(2, limit);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        events.add(new StoredEvent(rows.getLong(1), rows.getString(2),
                                CloudEventJson.deserialize(rows.getBytes(4)), rows.getLong(3)));
                    }
                }
            }
        }
        return events;
    }

    /** Seqs in ({@code afterSeq}, {@code throughSeq}] that already have a delivery record for {@code trigger}. */
    public Set<Long> recordedSeqs(String trigger, long afterSeq, long throughSeq) throws SQLException {
        Set<Long> seqs = new HashSet<>();
        synchronized (catchUpReader) {
            try (PreparedStatement query = catchUpReader.prepareStatement(
                    "SELECT event_seq FROM deliveries WHERE trigger = ? AND event_seq > ? AND event_seq <= ?")) {
                query.setString(1, trigger);
                query.setLong(2, afterSeq);
                query.setLong(3, throughSeq);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        seqs.add(rows.getLong(1));
                    }
                }
            }
        }
        return seqs;
    }

    private void writeLoop() {
        List<WriteOp> batch = new ArrayList<>(MAX_BATCH);
        List<StoredEvent> appended = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            WriteOp first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            // Offsets are taken before draining: a trigger marks an event done only after its
            // delivery record was committed, so these offsets never run ahead of the records.
            Map<String, Long> offsets = progress.changedOffsets();
            if (first == null && offsets.isEmpty()) {
                continue;
            }
            batch.clear();
            appended.clear();
            if (first != null) {
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
            }
            long seqBefore = nextSeq;
            long deadLetterIdBefore = nextDeadLetterId;
            try {
                boolean events = false;
                boolean records = false;
                for (WriteOp op : batch) {
                    if (op instanceof Append append) {
                        appended.add(bindEvent(append));
                        events = true;
                    } else if (op instanceof Recorded recorded) {
                        recorded.bind(insertDelivery);
                        records = true;
                    } else {
                        op.write(this);
                    }
                }
                if (events) {
                    insertEvent.executeBatch();
                }
                // One batch per commit, like the events': a statement execution per record was a
                // quarter of the writer's CPU (docs/benchmarks-devbroker.md, eighth session).
                if (records) {
                    insertDelivery.executeBatch();
                }
                for (Map.Entry<String, Long> offset : offsets.entrySet()) {
                    upsertProgress.setString(1, offset.getKey());
                    upsertProgress.setLong(2, offset.getValue());
                    upsertProgress.addBatch();
                }
                if (!offsets.isEmpty()) {
                    upsertProgress.executeBatch();
                }
                long commitStart = System.nanoTime();
                writer.commit();
                stats(batch.size(), System.nanoTime() - commitStart);
            } catch (SQLException | RuntimeException e) {
                LOG.errorf(e, "event log write of %d operations failed", batch.size());
                rollback();
                nextSeq = seqBefore;
                nextDeadLetterId = deadLetterIdBefore;
                LogUnavailableException failure = new LogUnavailableException("event log write failed: "
                        + e.getMessage(), e);
                for (WriteOp op : batch) {
                    op.fail(failure);
                }
                continue;
            }
            if (!appended.isEmpty()) {
                head = appended.get(appended.size() - 1).seq();
            }
            progress.persisted(offsets);
            for (int i = 0, a = 0; i < batch.size(); i++) {
                WriteOp op = batch.get(i);
                if (op instanceof Append append) {
                    append.done.complete(appended.get(a++));
                } else {
                    op.succeed();
                }
            }
            if (!appended.isEmpty()) {
                try {
                    listener.committed(List.copyOf(appended));
                } catch (RuntimeException e) {
                    LOG.error("commit listener failed", e);
                }
            }
            checkWalSize(); // after the batch's callers have their answers
        }
    }

    /**
     * Copies the WAL back into the database every 200 ms with a PASSIVE checkpoint, which never
     * blocks the writer; SQLite's automatic checkpoint would run (and fsync the database file)
     * inside a commit and stall every ingress request waiting on it.
     * When the WAL outgrows its limit the writer checkpoints too ({@link #checkWalSize()}).
     */
    private void checkpointLoop() {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout=10000");
            while (running) {
                try {
                    Thread.sleep(200);
                    statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
                } catch (SQLException e) {
                    LOG.debugf("WAL checkpoint skipped: %s", e.getMessage());
                }
            }
        } catch (SQLException e) {
            LOG.warn("WAL checkpoints stopped", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * After a commit (writer thread). Under sustained writes the checkpointer's PASSIVE checkpoints
     * never catch up with the writer, so SQLite never starts the WAL over and it grows without end
     * (425 MB in a 90-second benchmark). Past its limit the writer checkpoints itself, between two
     * transactions: nothing writes meanwhile, so the checkpoint copies what the checkpointer left
     * (little) and the next transaction starts the WAL over, truncated to the limit
     * ({@code journal_size_limit}). PASSIVE never waits: frames a reader still uses stay, and the
     * next commit tries again. (A TRUNCATE checkpoint from the checkpointer's thread starved, and
     * one from here would wait out the busy timeout on every commit while a reader holds old frames.)
     */
    private void checkWalSize() {
        try {
            if (Files.size(walFile) <= walLimitBytes) {
                return;
            }
        } catch (IOException e) {
            return; // no WAL file yet
        }
        try {
            writer.setAutoCommit(true);
            try (Statement statement = writer.createStatement()) {
                statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
            } finally {
                writer.setAutoCommit(false);
            }
        } catch (SQLException e) {
            LOG.warnf("checkpoint of an oversized WAL failed (trying again after the next commit): %s",
                    e.getMessage());
        }
    }

    private void stats(int ops, long commitNanos) {
        statsBatches++;
        statsOps += ops;
        statsCommitNanos += commitNanos;
        statsMaxCommitNanos = Math.max(statsMaxCommitNanos, commitNanos);
        long now = System.nanoTime();
        if (now - statsSince > TimeUnit.SECONDS.toNanos(10)) {
            if (LOG.isDebugEnabled()) {
                LOG.debugf("log writer: %d commits, %.1f writes/commit, commit %.2f ms avg %.2f ms max, %d queued",
                        statsBatches, (double) statsOps / statsBatches, statsCommitNanos / 1e6 / statsBatches,
                        statsMaxCommitNanos / 1e6, queue.size());
            }
            statsSince = now;
            statsBatches = 0;
            statsOps = 0;
            statsCommitNanos = 0;
            statsMaxCommitNanos = 0;
        }
    }

    private StoredEvent bindEvent(Append append) throws SQLException {
        long seq = nextSeq++;
        CloudEvent event = append.event;
        insertEvent.setLong(1, seq);
        insertEvent.setString(2, append.broker);
        insertEvent.setString(3, event.getId());
        insertEvent.setString(4, event.getSource().toString());
        insertEvent.setString(5, event.getType());
        setNullable(insertEvent, 6, event.getSubject());
        setNullable(insertEvent, 7, EventAttributes.get(event, "correlationid"));
        setNullable(insertEvent, 8, EventAttributes.get(event, "partitionkey"));
        insertEvent.setLong(9, append.arrivalMs);
        insertEvent.setBytes(10, append.json);
        insertEvent.addBatch();
        return new StoredEvent(seq, append.broker, event, append.arrivalMs);
    }

    private static void setNullable(PreparedStatement statement, int index, @Nullable String value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private static void setNullable(PreparedStatement statement, int index, @Nullable Integer value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    private void rollback() {
        try {
            insertEvent.clearBatch();
            insertDelivery.clearBatch();
            upsertProgress.clearBatch();
            writer.rollback();
        } catch (SQLException e) {
            LOG.error("event log rollback failed", e);
        }
    }

    private static long singleLong(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** Stops accepting appends, writes what is queued, and closes the file. */
    @Override
    public void close() {
        running = false;
        checkpointer.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            checkpointer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            synchronized (catchUpReader) {
                catchUpReader.close();
            }
            writer.close();
        } catch (SQLException e) {
            LOG.warn("closing the event log failed", e);
        } finally {
            ownership.close();
        }
    }

    /** One queued write. */
    private sealed interface WriteOp permits Append, Recorded, StoreDeadLetter, ReplayResult {
        default void write(EventLog log) throws SQLException {
        }

        void succeed();

        void fail(Throwable failure);
    }

    private record Append(String broker, CloudEvent event, byte[] json, long arrivalMs,
            CompletableFuture<StoredEvent> done) implements WriteOp {
        @Override
        public void succeed() {
            // completed with its StoredEvent by the write loop
        }

        @Override
        public void fail(Throwable failure) {
            done.completeExceptionally(failure);
        }
    }

    private record Recorded(DeliveryRecord record, CompletableFuture<Void> done) implements WriteOp {
        /** Adds the record to the writer's batch of delivery inserts. */
        void bind(PreparedStatement insert) throws SQLException {
            insert.setString(1, record.trigger());
            insert.setLong(2, record.eventSeq());
            insert.setString(3, record.outcome().label());
            insert.setInt(4, record.attempts());
            setNullable(insert, 5, record.statusCode());
            setNullable(insert, 6, record.detail());
            insert.setLong(7, record.startedMs());
            insert.setLong(8, record.finishedMs());
            insert.addBatch();
        }

        @Override
        public void succeed() {
            done.complete(null);
        }

        @Override
        public void fail(Throwable failure) {
            done.completeExceptionally(failure);
        }
    }

    private static final class StoreDeadLetter implements WriteOp {
        private final DeadLetter letter;
        private final CompletableFuture<Long> done;
        private long id;

        StoreDeadLetter(DeadLetter letter, CompletableFuture<Long> done) {
            this.letter = letter;
            this.done = done;
        }

        @Override
        public void write(EventLog log) throws SQLException {
            id = log.nextDeadLetterId++;
            PreparedStatement insert = log.insertDeadLetter;
            insert.setLong(1, id);
            insert.setString(2, letter.trigger());
            insert.setString(3, letter.broker());
            insert.setLong(4, letter.eventSeq());
            insert.setString(5, letter.eventId());
            insert.setBytes(6, letter.payload());
            insert.setString(7, letter.reason());
            setNullable(insert, 8, letter.statusCode());
            setNullable(insert, 9, letter.errorData());
            insert.setInt(10, letter.attempts());
            insert.setLong(11, letter.createdMs());
            insert.setString(12, DeadLetter.DEAD);
            insert.setInt(13, 0);
            insert.setLong(14, letter.createdMs());
            insert.executeUpdate();
        }

        @Override
        public void succeed() {
            done.complete(id);
        }

        @Override
        public void fail(Throwable failure) {
            done.completeExceptionally(failure);
        }
    }

    private record ReplayResult(long id, String state, String reason, @Nullable Integer statusCode,
            @Nullable String errorData, int attempts, CompletableFuture<Void> done) implements WriteOp {
        @Override
        public void write(EventLog log) throws SQLException {
            PreparedStatement update = log.updateDeadLetter;
            update.setString(1, state);
            update.setString(2, reason);
            setNullable(update, 3, statusCode);
            setNullable(update, 4, errorData);
            update.setInt(5, attempts);
            update.setLong(6, System.currentTimeMillis());
            update.setLong(7, id);
            update.executeUpdate();
        }

        @Override
        public void succeed() {
            done.complete(null);
        }

        @Override
        public void fail(Throwable failure) {
            done.completeExceptionally(failure);
        }
    }
}

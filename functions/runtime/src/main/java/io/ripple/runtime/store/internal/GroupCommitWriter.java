package io.ripple.runtime.store.internal;

import io.ripple.runtime.store.EventStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One writer thread that commits the write transactions of many callers together (group
 * commit), for SQLite.
 *
 * <p>SQLite has one writer per database file and a durable commit costs an fsync, so one
 * commit per command caps a function at the disk's fsync rate. Here each caller's work
 * runs inside its own savepoint of a shared transaction: a work that fails (a version
 * conflict) is rolled back to its savepoint alone, the others commit together, and every
 * caller returns only once the commit that holds its work is durable. If that commit
 * fails, every work in it fails.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final int MAX_BATCH = 128;

    private record Pending(Transactions.Work<?> work, CompletableFuture<Object> done) {
    }

    private final DataSource dataSource;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    GroupCommitWriter(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.writer = new Thread(this::writeLoop, "ripple-store-writer-" + name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Runs {@code work} in the next group transaction and waits until it is committed. */
    @SuppressWarnings("unchecked")
    <T> T write(Transactions.Work<T> work) throws SQLException {
        if (closed) {
            throw new EventStoreException("the event store is closed");
        }
        CompletableFuture<Object> done = new CompletableFuture<>();
        queue.add(new Pending(work, done));
        try {
            return (T) done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException("interrupted while waiting for a commit", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new EventStoreException("write failed: " + cause, cause);
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (RuntimeException | Error unexpected) {
                // Never leave a caller waiting: whatever broke, its write failed.
                failAll(batch, unexpected);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new EventStoreException("the event store is closed"));
        }
    }

    private void commit(List<Pending> batch) {
        List<Object> results = new ArrayList<>(batch.size());
        List<@Nullable Throwable> failures = new ArrayList<>(batch.size());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (Pending pending : batch) {
                    runInSavepoint(connection, pending, results, failures);
                }
                connection.commit();
            } catch (SQLException | RuntimeException failure) {
                rollback(connection, failure);
                failAll(batch, failure);
                return;
            } finally {
                restoreAutoCommit(connection);
            }
        } catch (SQLException failure) {
            failAll(batch, failure);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Throwable failure = failures.get(i);
            if (failure == null) {
                batch.get(i).done().complete(results.get(i));
            } else {
                batch.get(i).done().completeExceptionally(failure);
            }
        }
    }

    private static void runInSavepoint(Connection connection, Pending pending, List<Object> results,
            List<@Nullable Throwable> failures) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            results.add(pending.work().run(connection));
            failures.add(null);
        } catch (SQLException | RuntimeException failure) {
            // Only this caller's work is undone; the rest of the batch goes on.
            connection.rollback(savepoint);
            results.add(null);
            failures.add(failure);
        }
        connection.releaseSavepoint(savepoint);
    }

    private static void failAll(List<Pending> batch, Throwable failure) {
        for (Pending pending : batch) {
            pending.done().completeExceptionally(failure);
        }
    }

    private static void rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // The pool validates the connection before handing it out again.
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.ripple.runtime.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Runs units of JDBC work on pooled connections: reads in auto-commit mode, writes in one
 * transaction that is committed or rolled back as a whole.
 *
 * <p>On SQLite, which allows one writer per file, every write of this process goes to one
 * {@link GroupCommitWriter}: writes queue in the JVM instead of polling the file lock, and
 * writes that queue up together share one durable commit.
 */
final class Transactions implements AutoCloseable {

    /** JDBC work that may fail with an {@link SQLException}. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final @Nullable GroupCommitWriter groupCommit;

    Transactions(DataSource dataSource, SqlDialect dialect, String name) {
        this.dataSource = dataSource;
        this.groupCommit = dialect.serializesWrites() ? new GroupCommitWriter(dataSource, name) : null;
    }

    <T> T read(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        }
    }

    <T> T write(Work<T> work) throws SQLException {
        GroupCommitWriter writer = groupCommit;
        if (writer != null) {
            return writer.write(work);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException | Error failure) {
                rollback(connection, failure);
                throw failure;
            }
            connection.setAutoCommit(true);
            return result;
        }
    }

    @Override
    public void close() {
        if (groupCommit != null) {
            groupCommit.close();
        }
    }

    private static void rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException rollbackFailure) {
            // The original failure is what the caller must see; keep this one attached to it.
            failure.addSuppressed(rollbackFailure);
        }
    }
}

package io.ripple.runtime.store.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What differs between the two databases the store runs on. The SQL itself is the same
 * for both (upserts, partial indexes and {@code LIMIT} are understood by each); only the
 * binary column type, connection settings and error classification differ.
 */
public enum SqlDialect {

    SQLITE("jdbc:sqlite:", "BLOB") {
        @Override
        DataSource dataSource(String url) {
            // WAL lets readers work while one connection writes; synchronous=FULL makes every
            // commit durable (fsync of the WAL), as the benchmarks promise. IMMEDIATE takes the
            // write lock at BEGIN, so two writers never deadlock upgrading read locks, and the
            // busy timeout covers other processes (the timer service) holding the lock.
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            config.setBusyTimeout(10_000);
            SQLiteDataSource dataSource = new SQLiteDataSource(config);
            dataSource.setUrl(url);
            return dataSource;
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            if (e instanceof SQLiteException sqlite) {
                SQLiteErrorCode code = sqlite.getResultCode();
                return code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                        || code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE;
            }
            return e.getErrorCode() == SQLiteErrorCode.SQLITE_CONSTRAINT.code
                    && e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed");
        }

        @Override
        boolean serializesWrites() {
            return true;
        }

        @Override
        Optional<Path> databaseFile(String url) {
            String rest = url.substring(prefix().length());
            if (rest.startsWith("file:")) {
                rest = rest.substring("file:".length());
            }
            int query = rest.indexOf('?');
            if (query >= 0) {
                rest = rest.substring(0, query);
            }
            if (rest.isEmpty() || rest.startsWith(":memory:") || rest.contains("mode=memory")) {
                return Optional.empty();
            }
            return Optional.of(Path.of(rest));
        }
    },

    POSTGRESQL("jdbc:postgresql:", "BYTEA") {
        @Override
        DataSource dataSource(String url) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(url); // refuses a URL the driver cannot parse, so the parse below succeeds
            // The URL's own parameters win over these defaults, as they do for the driver.
            Properties inUrl = org.postgresql.Driver.parseURL(url, null);
            if (!inUrl.containsKey("reWriteBatchedInserts")) {
                // Batched inserts of a command's events become one multi-row INSERT.
                dataSource.setReWriteBatchedInserts(true);
            }
            if (!inUrl.containsKey("ApplicationName")) {
                dataSource.setApplicationName("ripple");
            }
            return dataSource;
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            return "23505".equals(e.getSQLState());
        }

        @Override
        boolean serializesWrites() {
            return false;
        }

        @Override
        Optional<Path> databaseFile(String url) {
            return Optional.empty();
        }
    };

    private final String prefix;
    private final String binaryType;

    SqlDialect(String prefix, String binaryType) {
        this.prefix = prefix;
        this.binaryType = binaryType;
    }

    /** The dialect of a JDBC URL; a clear error naming the setting for anything else. */
    public static SqlDialect of(String url) {
        for (SqlDialect dialect : values()) {
            if (url.startsWith(dialect.prefix)) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("ripple.store.url '" + url + "' is not supported: use jdbc:sqlite:<file> "
                + "or jdbc:postgresql://<host>:<port>/<database>");
    }

    String prefix() {
        return prefix;
    }

    /** The column type for raw bytes, the {@code ${binary}} placeholder of the migrations. */
    String binaryType() {
        return binaryType;
    }

    /** Connections to {@code url} with this database's settings, for the pool to hold. */
    abstract DataSource dataSource(String url);

    /** A primary-key or unique violation: another delivery won the race. */
    abstract boolean isUniqueViolation(SQLException e);

    /**
     * SQLite allows one writer at a time per file: the writes of one process go through
     * one group-committing writer instead of polling the file lock.
     */
    abstract boolean serializesWrites();

    /** The database file, whose folder must exist before SQLite can create it. */
    abstract Optional<Path> databaseFile(String url);

    /** Whether this failure or any exception chained to it is a unique violation. */
    boolean causedByUniqueViolation(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (isUniqueViolation(e)) {
                        return true;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}

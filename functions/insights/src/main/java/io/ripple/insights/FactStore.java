package io.ripple.insights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteDataSource;

/**
 * The facts counted so far, in an SQLite file, so the statistics survive scale-to-zero and
 * restarts. {@code (source, id)} is the key: a redelivered event is stored once.
 */
public final class FactStore implements AutoCloseable {

    private static final String SCHEMA = """
            create table if not exists insights_facts (
              seq integer primary key autoincrement,
              source text not null,
              id text not null,
              type text not null,
              subject text,
              time_millis integer not null,
              order_id text,
              machine text,
              recipe text,
              outcome text,
              reason text,
              policy text,
              unique (source, id)
            )""";

    private final Path file;
    private final Connection connection;

    /** Opens (and creates, with its folders) the store file. */
    public FactStore(Path file) {
        this.file = file;
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            // The driver's own data source, not DriverManager: the driver registration is
            // per class loader, and Quarkus tests load the application in their own.
            SQLiteDataSource dataSource = new SQLiteDataSource();
            dataSource.setUrl("jdbc:sqlite:" + file);
            connection = dataSource.getConnection();
            try (Statement statement = connection.createStatement()) {
                statement.execute(SCHEMA);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of insights store " + file, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open insights store " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Stores a fact; false if an event with its source and id was stored before. */
    public synchronized boolean add(Fact fact) {
        String sql = "insert or ignore into insights_facts (source, id, type, subject, time_millis, order_id, "
                + "machine, recipe, outcome, reason, policy) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, fact.source());
            insert.setString(2, fact.id());
            insert.setString(3, fact.type());
            set(insert, 4, fact.subject());
            insert.setLong(5, fact.time().toEpochMilli());
            set(insert, 6, fact.order());
            set(insert, 7, fact.machine());
            set(insert, 8, fact.recipe());
            set(insert, 9, fact.outcome());
            set(insert, 10, fact.reason());
            set(insert, 11, fact.policy());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store event " + fact.id() + " in " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** Every fact, oldest first (arrival order among equal times). */
    public synchronized List<Fact> all() {
        String sql = "select source, id, type, subject, time_millis, order_id, machine, recipe, outcome, reason, "
                + "policy from insights_facts order by time_millis, seq";
        List<Fact> facts = new ArrayList<>();
        try (Statement select = connection.createStatement(); ResultSet rows = select.executeQuery(sql)) {
            while (rows.next()) {
                facts.add(new Fact(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        Instant.ofEpochMilli(rows.getLong(5)), rows.getString(6), rows.getString(7),
                        rows.getString(8), rows.getString(9), rows.getString(10), rows.getString(11)));
            }
            return facts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether the file still answers (readiness). */
    public synchronized boolean answers() {
        try (Statement statement = connection.createStatement()) {
            statement.execute("select 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void set(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}

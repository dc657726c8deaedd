package io.ripple.runtime.store.internal;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;

/**
 * Brings a database to the store's schema with Flyway, from the SQL files in
 * {@code db/ripple} (one set for both databases, the binary column type as a placeholder).
 *
 * <p>The files are listed here rather than found by scanning the classpath: a native image
 * has no classpath to scan, and a list makes a forgotten file a failing test
 * ({@code StoreMigrationsTest}) instead of a missing table in production. Ripple keeps its
 * own history table so an actor application may use Flyway for tables of its own.
 */
public final class StoreMigrations {

    /** Where the migration files are, on the classpath. */
    public static final String LOCATION = "db/ripple";

    /** Every migration, in order. Add new files here. */
    public static final List<String> FILES = List.of("V1__event_store.sql");

    static final String HISTORY_TABLE = "ripple_schema_history";

    private StoreMigrations() {
    }

    /**
     * Applies the migrations the database lacks; answers how many were applied. A database
     * whose history already lists every file as applied is left alone without starting
     * Flyway: that is every start but the first, and Flyway's start (its classes, its
     * validation queries) was a third of a function's cold start.
     */
    public static int migrate(DataSource dataSource, SqlDialect dialect) {
        if (isUpToDate(dataSource)) {
            return 0;
        }
        MigrateResult result = Flyway.configure(StoreMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .resourceProvider(new ListedResources())
                .placeholders(Map.of("binary", dialect.binaryType()))
                .failOnMissingLocations(false)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }

    /**
     * Whether the history table records every listed migration as applied successfully (and
     * nothing failed). Any doubt (no table yet, a failed or unknown row) answers no, and
     * Flyway decides.
     */
    static boolean isUpToDate(DataSource dataSource) {
        Set<String> expected = new HashSet<>();
        for (String file : FILES) {
            expected.add(versionOf(file));
        }
        Set<String> applied = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT version, success FROM " + HISTORY_TABLE + " WHERE version IS NOT NULL")) {
            while (rows.next()) {
                if (!rows.getBoolean(2)) {
                    return false;
                }
                applied.add(rows.getString(1));
            }
        } catch (SQLException e) {
            return false;
        }
        return applied.equals(expected);
    }

    /** {@code V12__name.sql} → {@code 12}, as Flyway writes it in the history's version column. */
    static String versionOf(String file) {
        return file.substring(1, file.indexOf("__")).replace('_', '.');
    }

    /** Serves exactly the listed files, read from the classpath. */
    private static final class ListedResources implements ResourceProvider {

        @Override
        public @Nullable LoadableResource getResource(String name) {
            return FILES.contains(name) ? new ClasspathSql(name) : null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            List<LoadableResource> matching = new ArrayList<>();
            for (String file : FILES) {
                if (file.startsWith(prefix) && endsWithAny(file, suffixes)) {
                    matching.add(new ClasspathSql(file));
                }
            }
            return matching;
        }

        private static boolean endsWithAny(String file, String[] suffixes) {
            for (String suffix : suffixes) {
                if (file.endsWith(suffix)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class ClasspathSql extends LoadableResource {
        private final String file;

        ClasspathSql(String file) {
            this.file = file;
        }

        @Override
        public Reader read() {
            InputStream in = StoreMigrations.class.getClassLoader().getResourceAsStream(LOCATION + "/" + file);
            if (in == null) {
                throw new IllegalStateException("migration " + LOCATION + "/" + file + " is not on the classpath");
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return LOCATION + "/" + file;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return file;
        }

        @Override
        public String getRelativePath() {
            return file;
        }
    }
}

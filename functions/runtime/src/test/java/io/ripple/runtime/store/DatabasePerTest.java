package io.ripple.runtime.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract half of a store test that runs on every {@link Backend}: each test gets an
 * empty {@link #database}, dropped afterwards. Subclasses' own {@code @BeforeEach} run after
 * the database exists and their {@code @AfterEach} before it is dropped.
 */
abstract class DatabasePerTest {

    /** The database this run uses. */
    protected final Backend backend;

    @TempDir
    Path folder;

    /** This test's database; {@link TestDatabase#open()} gives a process's view of it. */
    protected TestDatabase database;

    DatabasePerTest(Backend backend) {
        this.backend = backend;
    }

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create(backend, folder);
    }

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }
}

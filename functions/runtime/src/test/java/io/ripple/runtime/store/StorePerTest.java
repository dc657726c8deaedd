package io.ripple.runtime.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A {@link DatabasePerTest} with one store opened on it for the test ({@link #jdbc}). */
abstract class StorePerTest extends DatabasePerTest {

    /** The store the test works through, closed after it. */
    protected JdbcStore jdbc;

    StorePerTest(Backend backend) {
        super(backend);
    }

    @BeforeEach
    void openStore() {
        jdbc = database.open();
    }

    @AfterEach
    void closeStore() {
        if (jdbc != null) {
            jdbc.close();
        }
    }
}

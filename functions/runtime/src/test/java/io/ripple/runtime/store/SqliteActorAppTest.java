package io.ripple.runtime.store;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The oven application with {@code ripple.store.url=jdbc:sqlite:...}. */
@QuarkusTest
@TestProfile(StoreProfiles.Sqlite.class)
class SqliteActorAppTest extends DurableActorAppContract {

    @Override
    String expectedDatabase() {
        return "sqlite";
    }
}

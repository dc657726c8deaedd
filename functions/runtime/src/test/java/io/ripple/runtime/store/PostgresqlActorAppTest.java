package io.ripple.runtime.store;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The same application jar with {@code ripple.store.url=jdbc:postgresql://...}: the
 * database kind is chosen at run time, not at build time.
 */
@QuarkusTest
@TestProfile(StoreProfiles.Postgresql.class)
@EnabledIf(value = "io.ripple.runtime.store.PostgresServer#reachableOrInCi",
        disabledReason = "PostgreSQL not reachable: start it with .ci/postgres.sh or set RIPPLE_TEST_PG_URL")
class PostgresqlActorAppTest extends DurableActorAppContract {

    @Override
    String expectedDatabase() {
        return "postgresql";
    }
}

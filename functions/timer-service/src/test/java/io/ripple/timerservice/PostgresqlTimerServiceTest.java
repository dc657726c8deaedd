package io.ripple.timerservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.condition.EnabledIf;

/** The timer service watching the PostgreSQL database all actors share (clusters). */
@QuarkusTest
@QuarkusTestResource(value = TimerFixture.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "backend", value = "postgresql"))
@EnabledIf(value = "io.ripple.timerservice.TimerFixture#postgresReachableOrInCi",
        disabledReason = "PostgreSQL not reachable: start it with .ci/postgres.sh or set RIPPLE_TEST_PG_URL")
class PostgresqlTimerServiceTest extends TimerServiceContract {
}

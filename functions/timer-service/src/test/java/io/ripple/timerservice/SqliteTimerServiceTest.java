package io.ripple.timerservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The timer service watching the actors' SQLite files (the local default). */
@QuarkusTest
@QuarkusTestResource(value = TimerFixture.class, restrictToAnnotatedClass = true)
class SqliteTimerServiceTest extends TimerServiceContract {
}

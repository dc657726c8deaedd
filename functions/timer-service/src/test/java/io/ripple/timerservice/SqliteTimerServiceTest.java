package io.ripple.timerservice;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ripple.runtime.store.JdbcStore;
import io.ripple.runtime.store.StreamId;
import io.ripple.runtime.store.TimerChange;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timer service watching the actors' SQLite files (the local default). */
@QuarkusTest
@QuarkusTestResource(value = TimerFixture.class, restrictToAnnotatedClass = true)
class SqliteTimerServiceTest extends TimerServiceContract {

    @Test
    void anotherApplicationsDatabaseInTheFolderDoesNotStopTheTimers() throws Exception {
        // e.g. the insights read model's SQLite file, which is no event store
        try (Connection foreign = DriverManager.getConnection("jdbc:sqlite:" + TimerFixture.folder.resolve("read-model.db"));
                Statement create = foreign.createStatement()) {
            create.execute("CREATE TABLE seen (id TEXT PRIMARY KEY)");
        }
        StreamId oven = new StreamId("oven", "o-5");
        Instant due = Instant.now().plusSeconds(2);
        try (JdbcStore function = JdbcStore.open(TimerFixture.store())) {
            function.eventStore().append(oven, 0, "bake-5", List.of(), List.of(
                    new TimerChange.Schedule("bake-timeout", due, TimerFixture.command("timer-beside-foreign", oven, due))));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> !TimerFixture.sink.deliveriesOf("timer-beside-foreign").isEmpty());
    }
}

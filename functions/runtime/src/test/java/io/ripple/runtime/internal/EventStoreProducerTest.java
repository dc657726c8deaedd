package io.ripple.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.ripple.runtime.store.EventStoreException;
import io.ripple.runtime.store.StreamId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store is opened beside the application's start; a store that cannot be opened stops it. */
class EventStoreProducerTest {

    @TempDir
    Path dir;

    private static StoreConfig storeAt(String url) {
        return new StoreConfig() {
            @Override
            public Optional<String> url() {
                return Optional.of(url);
            }

            @Override
            public Optional<String> user() {
                return Optional.empty();
            }

            @Override
            public Optional<String> password() {
                return Optional.empty();
            }

            @Override
            public int poolSize() {
                return 2;
            }

            @Override
            public int snapshotEvery() {
                return DEFAULT_SNAPSHOT_EVERY;
            }

            @Override
            public int stateCacheSize() {
                return DEFAULT_STATE_CACHE_SIZE;
            }
        };
    }

    @Test
    void anSqliteStoreOpensInTheBackgroundAndServesCommandsOnceOpen() {
        AtomicInteger exitCode = new AtomicInteger(-1);
        EventStoreProducer producer = new EventStoreProducer(storeAt("jdbc:sqlite:" + dir.resolve("counter.db")),
                Counter.DEFINITION, exitCode::set);
        try {
            // The first call waits for the open instead of failing.
            StreamId stream = new StreamId("counter", "c-1");
            assertThat(producer.eventStore().load(stream).version()).isZero();
            assertThat(producer.awaitOpen(Duration.ofSeconds(5))).isCompleted();
            assertThat(producer.database()).hasValueSatisfying(
                    database -> assertThat(database.description()).startsWith("sqlite"));
            assertThat(exitCode).hasValue(-1);
        } finally {
            producer.close();
        }
    }

    @Test
    void aStoreThatCannotBeOpenedStopsTheApplicationAndFailsCommandsClearly() {
        AtomicInteger exitCode = new AtomicInteger(-1);
        // A file where the database's folder should be: SQLite cannot create the database.
        Path notAFolder = dir.resolve("file");
        writeFile(notAFolder);
        EventStoreProducer producer = new EventStoreProducer(
                storeAt("jdbc:sqlite:" + notAFolder.resolve("counter.db")), Counter.DEFINITION, exitCode::set);

        await().atMost(Duration.ofSeconds(10)).untilAtomic(exitCode, equalTo(1));
        assertThat(producer.awaitOpen(Duration.ZERO)).isCompletedExceptionally();
        assertThatThrownBy(() -> producer.eventStore().load(new StreamId("counter", "c-1")))
                .isInstanceOf(EventStoreException.class).hasMessageContaining("could not be opened");
        assertThatThrownBy(producer::database).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not be opened");
    }

    @Test
    void theInMemoryStoreIsReadyAtOnce() {
        EventStoreProducer producer = new EventStoreProducer(storeAt("memory"), Counter.DEFINITION, code -> { });
        assertThat(producer.awaitOpen(Duration.ZERO)).isCompletedWithValue(Optional.empty());
        assertThat(producer.eventStore().load(new StreamId("counter", "c-1")).events()).isEmpty();
    }

    private static void writeFile(Path file) {
        try {
            Files.writeString(file, "not a folder");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

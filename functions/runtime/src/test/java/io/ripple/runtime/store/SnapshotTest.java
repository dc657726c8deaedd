package io.ripple.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Snapshots every N events: the state they give equals a full replay, and a bad one is never fatal. */
class SnapshotTest {

    @Nested
    class OnSqlite extends Contract {
        OnSqlite() {
            super(Backend.SQLITE);
        }
    }

    @Nested
    class OnPostgresql extends Contract {
        OnPostgresql() {
            super(Backend.POSTGRESQL);
        }
    }

    abstract static class Contract extends StorePerTest {

        private static final Instant T0 = Instant.parse("2025-02-01T10:00:00Z");

        private EventStore store;
        private final StreamId stream = Tally.stream("snap");

        Contract(Backend backend) {
            super(backend);
        }

        @BeforeEach
        void useEventStore() {
            store = jdbc.eventStore();
        }

        private TallyProcessor process(int commands, int snapshotEvery) {
            TallyProcessor processor = new TallyProcessor(store, snapshotEvery, 3);
            for (int i = 0; i < commands; i++) {
                processor.process(stream, "cmd-" + i, new Tally.Add(i * 3 + 1, "by-" + (i % 4), T0.plusMillis(i * 1234L)));
            }
            return processor;
        }

        @Test
        void stateFromSnapshotEqualsStateFromFullReplay() {
            TallyProcessor processor = process(23, 5);

            LoadedState<Tally.State> fromSnapshot = Tally.loadFresh(store, stream);
            LoadedState<Tally.State> replayed = processor.states().replayAll(stream);

            assertThat(fromSnapshot.snapshotVersion()).as("a snapshot was used").isEqualTo(20);
            assertThat(fromSnapshot.eventsReplayed()).isEqualTo(3);
            assertThat(fromSnapshot.version()).isEqualTo(23);
            assertThat(fromSnapshot.state()).isEqualTo(replayed.state());
            assertThat(store.loadSnapshot(stream)).hasValueSatisfying(snapshot -> {
                assertThat(snapshot.version()).isEqualTo(20);
                assertThat(snapshot.shape()).isEqualTo(Tally.snapshotCodec().shape());
            });
        }

        @Test
        void aSnapshotIsSavedOnlyOnceEnoughEventsPiledUp() {
            process(4, 5);
            assertThat(store.loadSnapshot(stream)).isEmpty();

            process(6, 5);
            assertThat(store.loadSnapshot(stream)).hasValueSatisfying(s -> assertThat(s.version()).isEqualTo(5));
        }

        @Test
        void snapshotOfAnOlderShapeIsIgnoredAndReplaced() {
            TallyProcessor processor = process(12, 5);
            store.saveSnapshot(stream, new Snapshot(12, "json:State:older", "{\"total\":-1}".getBytes(StandardCharsets.UTF_8)));
            assertThat(store.loadSnapshot(stream).orElseThrow().shape()).isEqualTo("json:State:older");

            LoadedState<Tally.State> loaded = Tally.loadFresh(store, stream);

            assertThat(loaded.snapshotVersion()).as("rebuilt from events").isZero();
            assertThat(loaded.state()).isEqualTo(processor.states().replayAll(stream).state());
            new TallyProcessor(store, 5, 3).process(stream, "cmd-next", new Tally.Add(1, "x", T0));
            assertThat(store.loadSnapshot(stream).orElseThrow().shape())
                    .as("the next command writes a snapshot of the current shape")
                    .isEqualTo(Tally.snapshotCodec().shape());
        }

        @Test
        void snapshotThatDoesNotDecodeIsIgnored() {
            TallyProcessor processor = process(12, 5);
            String shape = Tally.snapshotCodec().shape();
            store.saveSnapshot(stream, new Snapshot(11, shape, "not json at all".getBytes(StandardCharsets.UTF_8)));

            LoadedState<Tally.State> loaded = Tally.loadFresh(store, stream);

            assertThat(loaded.snapshotVersion()).isZero();
            assertThat(loaded.version()).isEqualTo(12);
            assertThat(loaded.state()).isEqualTo(processor.states().replayAll(stream).state());
        }

        @Test
        void snapshotAheadOfTheStreamIsDistrusted() {
            TallyProcessor processor = process(3, 0);
            Tally.State bogus = new Tally.Empty();
            store.saveSnapshot(stream, new Snapshot(50, Tally.snapshotCodec().shape(),
                    Tally.snapshotCodec().encode(bogus)));

            LoadedState<Tally.State> loaded = Tally.loadFresh(store, stream);

            assertThat(loaded.version()).isEqualTo(3);
            assertThat(loaded.state()).isEqualTo(processor.states().replayAll(stream).state());
        }

        @Test
        void anOlderSnapshotNeverReplacesANewerOne() {
            String shape = Tally.snapshotCodec().shape();
            store.saveSnapshot(stream, new Snapshot(10, shape, Tally.snapshotCodec().encode(new Tally.Empty())));
            store.saveSnapshot(stream, new Snapshot(5, shape, Tally.snapshotCodec().encode(new Tally.Empty())));

            assertThat(store.loadSnapshot(stream).orElseThrow().version()).isEqualTo(10);
        }

        @Test
        void snapshotsSurviveARestart() {
            process(10, 5);
            jdbc.close();

            jdbc = database.open();
            store = jdbc.eventStore();

            LoadedState<Tally.State> loaded = Tally.loadFresh(store, stream);
            assertThat(loaded.snapshotVersion()).isEqualTo(10);
            assertThat(loaded.state()).isEqualTo(Tally.states(store, 5).replayAll(stream).state());
        }
    }
}

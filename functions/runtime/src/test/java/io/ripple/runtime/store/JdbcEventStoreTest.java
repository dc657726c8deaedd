package io.ripple.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Appending, loading and command records, on SQLite and on PostgreSQL. */
class JdbcEventStoreTest {

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

        private EventStore store;
        private final StreamId stream = Tally.stream("machine-1");

        Contract(Backend backend) {
            super(backend);
        }

        @BeforeEach
        void useEventStore() {
            store = jdbc.eventStore();
        }

        @Test
        void storedEventsComeBackExactlyAsAppended() {
            CloudEvent everything = CloudEventBuilder.v1()
                    .withId("e-1")
                    .withSource(URI.create("/actors/tally/machine-1"))
                    .withType("test.tally.added")
                    .withSubject("machine-1")
                    .withTime(OffsetDateTime.of(2025, 3, 4, 5, 6, 7, 123_456_789, ZoneOffset.ofHours(2)))
                    .withDataSchema(URI.create("https://ripple.example/schemas/added.json"))
                    .withDataContentType("application/json")
                    // Whitespace and key order that a JSON re-encoding would not keep.
                    .withData("{ \"amount\" : 2,\n  \"by\":\"ann\" }".getBytes(StandardCharsets.UTF_8))
                    .withExtension("partitionkey", "tally/machine-1")
                    .withExtension("correlationid", "chain-7")
                    .withExtension("attempt", 3)
                    .withExtension("replayed", true)
                    .build();
            CloudEvent binary = CloudEventBuilder.v1()
                    .withId("e-2")
                    .withSource(URI.create("/actors/tally/machine-1"))
                    .withType("test.tally.blob")
                    .withDataContentType("application/octet-stream")
                    .withData(new byte[] {0, (byte) 0xff, (byte) 0xfe, 10, 13, 0})
                    .build();
            CloudEvent withoutData = CloudEventBuilder.v1()
                    .withId("e-3")
                    .withSource(URI.create("/actors/tally/machine-1"))
                    .withType("test.tally.pinged")
                    .build();

            store.append(stream, 0, "c-1", List.of(everything, binary, withoutData));

            assertThat(store.load(stream).events()).containsExactly(everything, binary, withoutData);
            assertThat(store.eventsOfCommand(stream, "c-1")).contains(List.of(everything, binary, withoutData));
            assertThat(store.load(stream).events().get(0).getData().toBytes())
                    .isEqualTo(everything.getData().toBytes());
        }

        @Test
        void versionCountsEventsAndLoadAfterSkipsTheEarlierOnes() {
            List<CloudEvent> first = events("c-1", 2);
            List<CloudEvent> second = events("c-2", 3);

            store.append(stream, 0, "c-1", first);
            store.append(stream, 2, "c-2", second);

            EventStream all = store.load(stream);
            assertThat(all.version()).isEqualTo(5);
            assertThat(all.fromVersion()).isZero();
            assertThat(all.events()).hasSize(5);
            EventStream later = store.load(stream, 2);
            assertThat(later.version()).isEqualTo(5);
            assertThat(later.fromVersion()).isEqualTo(2);
            assertThat(later.events()).containsExactlyElementsOf(second);
            assertThat(store.load(stream, 5).events()).isEmpty();
            assertThat(store.load(stream, 5).version()).isEqualTo(5);
        }

        @Test
        void unknownStreamIsEmpty() {
            EventStream empty = store.load(Tally.stream("never-seen"));

            assertThat(empty.version()).isZero();
            assertThat(empty.events()).isEmpty();
            assertThat(store.eventsOfCommand(Tally.stream("never-seen"), "c-1")).isEmpty();
        }

        @Test
        void appendAtAStaleVersionConflictsAndLeavesNoTrace() {
            store.append(stream, 0, "c-1", events("c-1", 1));

            assertThatThrownBy(() -> store.append(stream, 0, "c-2", events("c-2", 1)))
                    .isInstanceOf(VersionConflictException.class)
                    .hasMessageContaining("tally/machine-1");

            assertThat(store.load(stream).version()).isEqualTo(1);
            assertThat(store.eventsOfCommand(stream, "c-2")).isEmpty();
        }

        @Test
        void appendBeyondTheEndOfTheStreamConflicts() {
            store.append(stream, 0, "c-1", events("c-1", 1));

            assertThatThrownBy(() -> store.append(stream, 4, "c-2", events("c-2", 1)))
                    .isInstanceOf(VersionConflictException.class);
            assertThatThrownBy(() -> store.append(Tally.stream("fresh"), 3, "c-3", events("c-3", 1)))
                    .isInstanceOf(VersionConflictException.class);
            assertThat(store.load(Tally.stream("fresh")).version()).isZero();
        }

        @Test
        void recordedCommandAnswersWithTheIdsOfItsEvents() {
            List<CloudEvent> produced = events("c-1", 2);
            store.append(stream, 0, "c-1", produced);
            store.append(stream, 2, "c-2", events("c-2", 1));

            Optional<List<CloudEvent>> recorded = store.eventsOfCommand(stream, "c-1");

            assertThat(recorded).isPresent();
            assertThat(recorded.get()).extracting(CloudEvent::getId)
                    .containsExactlyElementsOf(produced.stream().map(CloudEvent::getId).toList());
            assertThat(store.eventsOfCommand(stream, "c-3")).isEmpty();
        }

        @Test
        void commandThatProducedNothingIsRecordedAsSuch() {
            store.append(stream, 0, "c-1", List.of());
            store.append(stream, 0, "c-2", events("c-2", 1));

            assertThat(store.eventsOfCommand(stream, "c-1")).contains(List.of());
            assertThat(store.load(stream).version()).isEqualTo(1);
        }

        @Test
        void theSameCommandIsNeverRecordedTwice() {
            store.append(stream, 0, "c-1", events("c-1", 1));

            assertThatThrownBy(() -> store.append(stream, 1, "c-1", events("c-1", 1)))
                    .isInstanceOf(VersionConflictException.class);
            assertThat(store.load(stream).version()).isEqualTo(1);
        }

        @Test
        void aStaleDecisionThatProducedNothingConflictsToo() {
            store.append(stream, 0, "c-1", events("c-1", 1));
            store.append(stream, 1, "c-2", events("c-2", 1));

            // Decided on version 1, produced nothing: the state it saw is gone, decide again.
            assertThatThrownBy(() -> store.append(stream, 1, "c-3", List.of()))
                    .isInstanceOf(VersionConflictException.class);
            assertThat(store.eventsOfCommand(stream, "c-3")).isEmpty();
        }

        @Test
        void streamsOfOtherActorsAreSeparate() {
            StreamId sameIdOtherType = new StreamId("other", "machine-1");
            store.append(stream, 0, "c-1", events("c-1", 2));
            store.append(sameIdOtherType, 0, "c-1", events("c-1", 1));
            store.append(Tally.stream("machine-2"), 0, "c-1", events("c-1", 3));

            assertThat(store.load(stream).version()).isEqualTo(2);
            assertThat(store.load(sameIdOtherType).version()).isEqualTo(1);
            assertThat(store.load(Tally.stream("machine-2")).version()).isEqualTo(3);
        }

        @Test
        void eventsSurviveARestartOfTheFunction() {
            List<CloudEvent> produced = events("c-1", 2);
            store.append(stream, 0, "c-1", produced);
            jdbc.close();

            jdbc = database.open();

            assertThat(jdbc.eventStore().load(stream).events()).containsExactlyElementsOf(produced);
            assertThat(jdbc.eventStore().eventsOfCommand(stream, "c-1")).contains(produced);
        }

        @Test
        void descriptionNamesTheDatabaseButNoCredentials() {
            assertThat(jdbc.description()).startsWith(backend.name().toLowerCase()).doesNotContain("password");
            assertThat(jdbc.isReachable()).isTrue();
        }

        private List<CloudEvent> events(String commandId, int count) {
            return java.util.stream.IntStream.range(0, count)
                    .mapToObj(i -> Tally.encode(stream, commandId, i, new Tally.Added(i + 1, "ann",
                            java.time.Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i))))
                    .toList();
        }
    }
}

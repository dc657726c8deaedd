package io.ripple.devbroker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable log on a real SQLite file. */
class EventLogTest {

    @TempDir
    Path dir;

    @Test
    void aSecondBrokerOnTheSameDirectoryIsRefusedUntilTheFirstCloses() {
        try (EventLog first = EventLog.open(dir, false)) {
            assertThatThrownBy(() -> EventLog.open(dir, false)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another broker")
                    .hasMessageContaining("ripple.broker.data-dir");
            assertThat(first.isWriting()).isTrue();
        }
        try (EventLog second = EventLog.open(dir, false)) {
            assertThat(second.isWriting()).isTrue();
        }
    }

    @Test
    void deliveryRecordsQueuedTogetherAreAllCommitted() throws Exception {
        try (EventLog log = EventLog.open(dir, false)) {
            List<StoredEvent> stored = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                CloudEvent event = event("e" + i);
                stored.add(log.append("ripple/default", event, CloudEventJson.serialize(event), i)
                        .get(10, TimeUnit.SECONDS));
            }
            // Queued without waiting in between, so the writer takes several in one batch.
            List<CompletableFuture<Void>> records = new ArrayList<>();
            for (StoredEvent event : stored.subList(0, 4)) {
                records.add(log.record(new DeliveryRecord("ripple/a", event.seq(), DeliveryOutcome.DELIVERED, 1,
                        202, null, 1, 2)));
            }
            records.add(log.record(new DeliveryRecord("ripple/b", stored.get(4).seq(),
                    DeliveryOutcome.DEAD_LETTER_STORED, 3, 500, "HTTP 500", 1, 2)));
            CompletableFuture.allOf(records.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            long first = stored.get(0).seq();
            assertThat(log.recordedSeqs("ripple/a", first - 1, first + 4))
                    .containsExactlyInAnyOrder(first, first + 1, first + 2, first + 3);
            assertThat(log.recordedSeqs("ripple/b", first - 1, first + 4)).containsExactly(first + 4);
            assertThat(log.recordedSeqs("ripple/a", first + 1, first + 2)).containsExactly(first + 2);
        }
        try (EventLog reopened = EventLog.open(dir, false)) {
            assertThat(reopened.readAfter(0, 10)).extracting(e -> e.event().getId())
                    .containsExactly("e1", "e2", "e3", "e4", "e5");
        }
    }

    @Test
    void aLogFromAnEarlierVersionLosesItsUnusedDeliveryIndexAndKeepsItsRecords() throws Exception {
        try (EventLog log = EventLog.open(dir, false)) {
            CloudEvent event = event("old");
            long seq = log.append("ripple/default", event, CloudEventJson.serialize(event), 1)
                    .get(10, TimeUnit.SECONDS).seq();
            log.record(new DeliveryRecord("ripple/a", seq, DeliveryOutcome.DELIVERED, 1, 202, null, 1, 2))
                    .get(10, TimeUnit.SECONDS);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("broker.db"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE INDEX deliveries_by_trigger ON deliveries(trigger, event_seq)");
        }
        try (EventLog log = EventLog.open(dir, false)) {
            assertThat(indexes()).contains("deliveries_by_event").doesNotContain("deliveries_by_trigger");
            assertThat(log.recordedSeqs("ripple/a", 0, 10)).hasSize(1);
        }
    }

    @Test
    void theWriteAheadLogStaysBoundedWhileWritesNeverPause() throws Exception {
        long limit = 512 * 1024;
        Path wal = dir.resolve("broker.db-wal");
        byte[] data = "x".repeat(1024).getBytes(StandardCharsets.UTF_8);
        long largest = 0;
        try (EventLog log = EventLog.open(dir, false, Duration.ofSeconds(10), limit)) {
            // Appends always queued (~48 MB of WAL frames in all): the checkpointer's PASSIVE
            // checkpoints never find the log idle, so only the writer's own can start the WAL over.
            List<CompletableFuture<StoredEvent>> inFlight = new ArrayList<>();
            for (int i = 0; i < 12_000; i++) {
                CloudEvent event = CloudEventBuilder.v1().withId("e" + i).withSource(URI.create("/test"))
                        .withType("test.event").withData("text/plain", data).build();
                inFlight.add(log.append("ripple/default", event, CloudEventJson.serialize(event), i));
                if (inFlight.size() == 32) {
                    inFlight.remove(0).get(10, TimeUnit.SECONDS);
                }
                if (i % 100 == 0 && Files.exists(wal)) {
                    largest = Math.max(largest, Files.size(wal));
                }
            }
            for (CompletableFuture<StoredEvent> pending : inFlight) {
                pending.get(10, TimeUnit.SECONDS);
            }
            assertThat(log.readAfter(11_990, 100)).hasSize(10);
        }
        assertThat(largest).as("largest WAL seen, bytes").isLessThan(limit + 2 * 1024 * 1024);
    }

    private List<String> indexes() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("broker.db"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static CloudEvent event(String id) {
        return CloudEventBuilder.v1().withId(id).withSource(URI.create("/test")).withType("test.event").build();
    }
}

package io.ripple.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real SQLite file: events are kept once each, and are still there after a restart. */
class FactStoreTest {

    @TempDir
    Path dir;

    private static Fact fact(String source, String id, int second) {
        return new Fact(source, id, "coffee.machine.brew-started", "m1",
                Instant.parse("2026-01-01T08:00:00Z").plusSeconds(second), "o1", "m1", "latte", null, null, null);
    }

    @Test
    void aRedeliveredEventIsStoredOnce() {
        try (FactStore store = new FactStore(dir.resolve("insights.db"))) {
            assertThat(store.add(fact("/a", "e1", 0))).isTrue();
            assertThat(store.add(fact("/a", "e1", 0))).isFalse();
            assertThat(store.add(fact("/b", "e1", 0))).as("ids are unique per source only").isTrue();
            assertThat(store.all()).hasSize(2);
        }
    }

    @Test
    void factsSurviveARestartOldestFirst() {
        Path file = dir.resolve("nested/folder/insights.db");
        try (FactStore store = new FactStore(file)) {
            store.add(fact("/a", "late", 10));
            store.add(fact("/a", "early", 1));
        }
        try (FactStore reopened = new FactStore(file)) {
            assertThat(reopened.all()).extracting(Fact::id).containsExactly("early", "late");
            assertThat(reopened.all().get(0)).isEqualTo(fact("/a", "early", 1));
            assertThat(reopened.answers()).isTrue();
        }
    }

    @Test
    void aStoreThatCannotBeCreatedSaysWhere() throws Exception {
        Path blocker = Files.writeString(dir.resolve("a-file"), "not a folder");
        assertThatThrownBy(() -> new FactStore(blocker.resolve("insights.db"))).hasMessageContaining(
                blocker.resolve("insights.db").toString());
    }
}

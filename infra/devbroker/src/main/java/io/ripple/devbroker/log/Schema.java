package io.ripple.devbroker.log;

import java.util.List;

/** Tables of the log. {@code payload} columns hold CloudEvents JSON. */
final class Schema {

    static final List<String> DDL = List.of(
            """
            CREATE TABLE IF NOT EXISTS events (
              seq INTEGER PRIMARY KEY,
              broker TEXT NOT NULL,
              event_id TEXT NOT NULL,
              source TEXT NOT NULL,
              type TEXT NOT NULL,
              subject TEXT,
              correlationid TEXT,
              partitionkey TEXT,
              arrival_ms INTEGER NOT NULL,
              payload BLOB NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS events_by_id ON events(event_id)",
            "CREATE INDEX IF NOT EXISTS events_by_correlation ON events(correlationid) WHERE correlationid IS NOT NULL",
            "CREATE INDEX IF NOT EXISTS events_by_type ON events(type)",
            "CREATE INDEX IF NOT EXISTS events_by_subject ON events(subject) WHERE subject IS NOT NULL",
            "CREATE INDEX IF NOT EXISTS events_by_arrival ON events(arrival_ms)",
            """
            CREATE TABLE IF NOT EXISTS trigger_progress (
              trigger TEXT PRIMARY KEY,
              acked_through INTEGER NOT NULL)""",
            """
            CREATE TABLE IF NOT EXISTS deliveries (
              id INTEGER PRIMARY KEY,
              trigger TEXT NOT NULL,
              event_seq INTEGER NOT NULL,
              outcome TEXT NOT NULL,
              attempts INTEGER NOT NULL,
              status_code INTEGER,
              detail TEXT,
              started_ms INTEGER NOT NULL,
              finished_ms INTEGER NOT NULL)""",
            // Catch-up reads a trigger's records by event_seq range, which deliveries_by_event serves;
            // a second index on (trigger, event_seq) cost the log writer a page per commit for nothing.
            "DROP INDEX IF EXISTS deliveries_by_trigger",
            "CREATE INDEX IF NOT EXISTS deliveries_by_event ON deliveries(event_seq)",
            """
            CREATE TABLE IF NOT EXISTS dead_letters (
              id INTEGER PRIMARY KEY,
              trigger TEXT NOT NULL,
              broker TEXT NOT NULL,
              event_seq INTEGER NOT NULL,
              event_id TEXT NOT NULL,
              payload BLOB NOT NULL,
              reason TEXT NOT NULL,
              status_code INTEGER,
              error_data TEXT,
              attempts INTEGER NOT NULL,
              created_ms INTEGER NOT NULL,
              state TEXT NOT NULL,
              replays INTEGER NOT NULL,
              updated_ms INTEGER NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS dead_letters_by_event ON dead_letters(event_seq)");

    private Schema() {
    }
}

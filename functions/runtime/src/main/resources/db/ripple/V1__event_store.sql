-- Ripple's event store: one schema for SQLite and PostgreSQL.
-- ${binary} is BLOB on SQLite and BYTEA on PostgreSQL (a Flyway placeholder set by the runtime);
-- everything else uses types both databases understand. Times are epoch milliseconds (BIGINT),
-- which both index and compare the same way.

-- The head of each actor's stream: its version is the expected version of the next append.
-- Updating it with "WHERE version = expected" is the optimistic-concurrency check, and it also
-- catches a stale decision that produced no events.
CREATE TABLE ripple_streams (
    actor_type TEXT   NOT NULL,
    actor_id   TEXT   NOT NULL,
    version    BIGINT NOT NULL,
    PRIMARY KEY (actor_type, actor_id)
);

-- Every event an actor emitted, as a whole CloudEvent: the attributes and extensions in the
-- CloudEvents JSON format (without data), the data as the exact bytes that were published.
CREATE TABLE ripple_events (
    actor_type  TEXT   NOT NULL,
    actor_id    TEXT   NOT NULL,
    version     BIGINT NOT NULL,
    event_id    TEXT   NOT NULL,
    event_type  TEXT   NOT NULL,
    command_id  TEXT   NOT NULL,
    recorded_at BIGINT NOT NULL,
    attributes  TEXT   NOT NULL,
    data        ${binary},
    PRIMARY KEY (actor_type, actor_id, version)
);

-- Commands already processed, with the events they produced (versions first_version ..
-- first_version + n - 1, ids in event_ids as a JSON array). Written in the same transaction
-- as the events: a redelivered command is recognised and its events are published again.
CREATE TABLE ripple_commands (
    actor_type    TEXT   NOT NULL,
    actor_id      TEXT   NOT NULL,
    command_id    TEXT   NOT NULL,
    first_version BIGINT NOT NULL,
    event_ids     TEXT   NOT NULL,
    recorded_at   BIGINT NOT NULL,
    PRIMARY KEY (actor_type, actor_id, command_id)
);

-- The latest snapshot of an actor's state: a cache, never the truth. A snapshot whose
-- state_shape differs from the state type the runtime has now is ignored.
CREATE TABLE ripple_snapshots (
    actor_type  TEXT      NOT NULL,
    actor_id    TEXT      NOT NULL,
    version     BIGINT    NOT NULL,
    state_shape TEXT      NOT NULL,
    state       ${binary} NOT NULL,
    recorded_at BIGINT    NOT NULL,
    PRIMARY KEY (actor_type, actor_id)
);

-- Commands an actor's decisions scheduled for later, written in the same transaction as the
-- events. The timer service sends each due one to the broker and then sets fired_at;
-- next_attempt_at is moved forward while a send is in flight (a lease) or after a failure.
CREATE TABLE ripple_timers (
    actor_type      TEXT      NOT NULL,
    actor_id        TEXT      NOT NULL,
    timer_id        TEXT      NOT NULL,
    timer_name      TEXT      NOT NULL,
    due_at          BIGINT    NOT NULL,
    attributes      TEXT      NOT NULL,
    data            ${binary},
    scheduled_at    BIGINT    NOT NULL,
    next_attempt_at BIGINT    NOT NULL,
    attempts        INTEGER   NOT NULL,
    last_error      TEXT,
    fired_at        BIGINT,
    cancelled_at    BIGINT,
    PRIMARY KEY (actor_type, actor_id, timer_id)
);

CREATE INDEX ripple_timers_pending ON ripple_timers (next_attempt_at)
    WHERE fired_at IS NULL AND cancelled_at IS NULL;

CREATE INDEX ripple_timers_by_name ON ripple_timers (actor_type, actor_id, timer_name);

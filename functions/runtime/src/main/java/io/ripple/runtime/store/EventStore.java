package io.ripple.runtime.store;

import io.cloudevents.CloudEvent;
import java.util.List;
import java.util.Optional;

/**
 * Durable memory of actors: per-actor streams of CloudEvents with optimistic concurrency,
 * and the record of which command produced which events (for effectively-once processing).
 *
 * <p>Events are stored as whole CloudEvents (all attributes, extensions and data) so that a
 * redelivered command re-publishes byte-for-byte the same events with the same ids.
 */
public interface EventStore {

    /** All events of a stream, oldest first; an empty stream for an unknown actor. */
    EventStream load(StreamId stream);

    /**
     * The events a command already produced on this stream, if the command was processed.
     * An empty list means it was processed and produced nothing.
     */
    Optional<List<CloudEvent>> eventsOfCommand(StreamId stream, String commandId);

    /**
     * Appends events and records the command id, atomically.
     *
     * @throws VersionConflictException if the stream is not at {@code expectedVersion}, or
     *         the command id was recorded meanwhile
     */
    void append(StreamId stream, long expectedVersion, String commandId, List<CloudEvent> events);

    /**
     * The events of a stream after {@code afterVersion} (the version a snapshot includes),
     * oldest first; {@link EventStream#fromVersion()} is {@code afterVersion}.
     */
    default EventStream load(StreamId stream, long afterVersion) {
        EventStream all = load(stream);
        if (afterVersion <= 0) {
            return all;
        }
        List<CloudEvent> later = all.events().subList((int) Math.min(afterVersion, all.events().size()),
                all.events().size());
        return new EventStream(stream, all.version(), later, afterVersion);
    }

    /**
     * Like {@link #append(StreamId, long, String, List)}, and in the same transaction
     * schedules or cancels the timers the decision asked for.
     *
     * @throws VersionConflictException as {@link #append(StreamId, long, String, List)}
     * @throws UnsupportedOperationException if {@code timers} is not empty and this store
     *         cannot keep timers
     */
    default void append(StreamId stream, long expectedVersion, String commandId, List<CloudEvent> events,
            List<TimerChange> timers) {
        if (!timers.isEmpty()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " does not keep timers");
        }
        append(stream, expectedVersion, commandId, events);
    }

    /** The latest snapshot of a stream, if one was saved; a store may keep none. */
    default Optional<Snapshot> loadSnapshot(StreamId stream) {
        return Optional.empty();
    }

    /**
     * Keeps {@code snapshot} as the stream's latest unless a newer one is kept already. A
     * snapshot is a cache: a store may drop it, and callers must not fail when saving fails.
     */
    default void saveSnapshot(StreamId stream, Snapshot snapshot) {
    }

    /**
     * Whether a later decision of {@code owner} cancelled the timer {@code timerId} (the id
     * of the command it sends). A command from a cancelled timer that is already on its way
     * must then be dropped instead of decided.
     */
    default boolean isTimerCancelled(StreamId owner, String timerId) {
        return false;
    }
}

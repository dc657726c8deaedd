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
}

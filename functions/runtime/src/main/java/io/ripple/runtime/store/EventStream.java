package io.ripple.runtime.store;

import io.cloudevents.CloudEvent;
import java.util.List;

/**
 * The events of one actor as loaded from the store.
 *
 * @param id      whose events these are
 * @param version how many events the stream holds (0 for a new actor); the expected
 *                version of the next append
 * @param events  the events after {@code fromVersion}, oldest first
 * @param fromVersion the version the listed events follow (0 unless loading after a snapshot)
 */
public record EventStream(StreamId id, long version, List<CloudEvent> events, long fromVersion) {

    public EventStream {
        events = List.copyOf(events);
    }

    public static EventStream empty(StreamId id) {
        return new EventStream(id, 0, List.of(), 0);
    }
}

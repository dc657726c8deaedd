package io.ripple.runtime.store.internal;

import io.cloudevents.CloudEvent;
import io.ripple.runtime.store.EventStore;
import io.ripple.runtime.store.EventStream;
import io.ripple.runtime.store.StreamId;
import io.ripple.runtime.store.VersionConflictException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A process-local event store: for tests, benchmarks and throw-away runs. Its contents
 * are lost when the function scales to zero.
 */
public final class InMemoryEventStore implements EventStore {

    private final Map<StreamId, Stream> streams = new ConcurrentHashMap<>();

    private static final class Stream {
        final List<CloudEvent> events = new ArrayList<>();
        final Map<String, List<CloudEvent>> byCommand = new HashMap<>();
    }

    @Override
    public EventStream load(StreamId id) {
        Stream stream = streams.get(id);
        if (stream == null) {
            return EventStream.empty(id);
        }
        synchronized (stream) {
            return new EventStream(id, stream.events.size(), stream.events, 0);
        }
    }

    @Override
    public Optional<List<CloudEvent>> eventsOfCommand(StreamId id, String commandId) {
        Stream stream = streams.get(id);
        if (stream == null) {
            return Optional.empty();
        }
        synchronized (stream) {
            return Optional.ofNullable(stream.byCommand.get(commandId)).map(List::copyOf);
        }
    }

    @Override
    public void append(StreamId id, long expectedVersion, String commandId, List<CloudEvent> events) {
        Stream stream = streams.computeIfAbsent(id, ignored -> new Stream());
        synchronized (stream) {
            if (stream.events.size() != expectedVersion || stream.byCommand.containsKey(commandId)) {
                throw new VersionConflictException(id, expectedVersion);
            }
            stream.events.addAll(events);
            stream.byCommand.put(commandId, List.copyOf(events));
        }
    }
}

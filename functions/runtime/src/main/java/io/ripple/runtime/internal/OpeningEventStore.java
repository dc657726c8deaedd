package io.ripple.runtime.internal;

import io.cloudevents.CloudEvent;
import io.ripple.runtime.store.EventStore;
import io.ripple.runtime.store.EventStoreException;
import io.ripple.runtime.store.EventStream;
import io.ripple.runtime.store.Snapshot;
import io.ripple.runtime.store.StreamId;
import io.ripple.runtime.store.TimerChange;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The event store while its database is still being opened: each call waits for the open,
 * then goes to the store. Opening (loading the driver, connecting, checking the schema) runs
 * beside the rest of a cold start instead of before it; a command that arrives first waits.
 */
final class OpeningEventStore implements EventStore {

    private final CompletableFuture<EventStore> opening;

    OpeningEventStore(CompletableFuture<EventStore> opening) {
        this.opening = opening;
    }

    private EventStore store() {
        try {
            return opening.join();
        } catch (CompletionException e) {
            throw new EventStoreException("the event store could not be opened: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    @Override
    public EventStream load(StreamId stream) {
        return store().load(stream);
    }

    @Override
    public EventStream load(StreamId stream, long afterVersion) {
        return store().load(stream, afterVersion);
    }

    @Override
    public Optional<List<CloudEvent>> eventsOfCommand(StreamId stream, String commandId) {
        return store().eventsOfCommand(stream, commandId);
    }

    @Override
    public void append(StreamId stream, long expectedVersion, String commandId, List<CloudEvent> events) {
        store().append(stream, expectedVersion, commandId, events);
    }

    @Override
    public void append(StreamId stream, long expectedVersion, String commandId, List<CloudEvent> events,
            List<TimerChange> timers) {
        store().append(stream, expectedVersion, commandId, events, timers);
    }

    @Override
    public Optional<Snapshot> loadSnapshot(StreamId stream) {
        return store().loadSnapshot(stream);
    }

    @Override
    public void saveSnapshot(StreamId stream, Snapshot snapshot) {
        store().saveSnapshot(stream, snapshot);
    }

    @Override
    public boolean isTimerCancelled(StreamId owner, String timerId) {
        return store().isTimerCancelled(owner, timerId);
    }
}

package io.ripple.runtime.store.internal;

import io.cloudevents.CloudEvent;
import io.ripple.runtime.store.DueTimer;
import io.ripple.runtime.store.EventStore;
import io.ripple.runtime.store.EventStream;
import io.ripple.runtime.store.Snapshot;
import io.ripple.runtime.store.StreamId;
import io.ripple.runtime.store.TimerChange;
import io.ripple.runtime.store.TimerQueue;
import io.ripple.runtime.store.VersionConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A process-local event store: for tests, benchmarks and throw-away runs. Its contents
 * are lost when the function scales to zero. It keeps snapshots and timers with the same
 * rules as the JDBC store, so the runtime behaves the same on either.
 */
public final class InMemoryEventStore implements EventStore, TimerQueue {

    private final Map<StreamId, Stream> streams = new ConcurrentHashMap<>();
    private final Map<StreamId, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final List<Timer> timers = new ArrayList<>();

    private static final class Stream {
        final List<CloudEvent> events = new ArrayList<>();
        final Map<String, List<CloudEvent>> byCommand = new HashMap<>();
    }

    private static final class Timer {
        final StreamId owner;
        final TimerChange.Schedule schedule;
        Instant nextAttemptAt;
        int attempts;
        @Nullable Instant firedAt;
        @Nullable Instant cancelledAt;

        Timer(StreamId owner, TimerChange.Schedule schedule) {
            this.owner = owner;
            this.schedule = schedule;
            this.nextAttemptAt = schedule.dueAt();
        }

        boolean pending() {
            return firedAt == null && cancelledAt == null;
        }

        DueTimer due() {
            return new DueTimer(owner, schedule.timerId(), schedule.timerName(), schedule.dueAt(), attempts,
                    schedule.command());
        }
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
        append(id, expectedVersion, commandId, events, List.of());
    }

    @Override
    public void append(StreamId id, long expectedVersion, String commandId, List<CloudEvent> events,
            List<TimerChange> changes) {
        Stream stream = streams.computeIfAbsent(id, ignored -> new Stream());
        synchronized (stream) {
            if (stream.events.size() != expectedVersion || stream.byCommand.containsKey(commandId)) {
                throw new VersionConflictException(id, expectedVersion);
            }
            stream.events.addAll(events);
            stream.byCommand.put(commandId, List.copyOf(events));
            synchronized (timers) {
                Instant now = Instant.now();
                for (TimerChange change : changes) {
                    for (Timer timer : timers) {
                        if (timer.owner.equals(id) && timer.schedule.timerName().equals(change.timerName())
                                && timer.cancelledAt == null) {
                            timer.cancelledAt = now;
                        }
                    }
                    if (change instanceof TimerChange.Schedule schedule) {
                        timers.add(new Timer(id, schedule));
                    }
                }
            }
        }
    }

    @Override
    public Optional<Snapshot> loadSnapshot(StreamId stream) {
        return Optional.ofNullable(snapshots.get(stream));
    }

    @Override
    public void saveSnapshot(StreamId stream, Snapshot snapshot) {
        snapshots.merge(stream, snapshot, (kept, offered) -> kept.version() < offered.version()
                || !kept.shape().equals(offered.shape()) ? offered : kept);
    }

    @Override
    public boolean isTimerCancelled(StreamId owner, String timerId) {
        synchronized (timers) {
            return timers.stream().anyMatch(timer -> timer.owner.equals(owner)
                    && timer.schedule.timerId().equals(timerId) && timer.cancelledAt != null);
        }
    }

    @Override
    public List<DueTimer> claimDue(Instant now, Duration lease, int limit) {
        synchronized (timers) {
            List<DueTimer> claimed = new ArrayList<>();
            timers.stream().filter(timer -> timer.pending() && !timer.nextAttemptAt.isAfter(now))
                    .sorted(Comparator.comparing(timer -> timer.nextAttemptAt)).limit(limit).forEach(timer -> {
                        timer.nextAttemptAt = now.plus(lease);
                        timer.attempts++;
                        claimed.add(timer.due());
                    });
            return claimed;
        }
    }

    @Override
    public void markFired(DueTimer due, Instant firedAt) {
        synchronized (timers) {
            find(due).ifPresent(timer -> timer.firedAt = timer.firedAt == null ? firedAt : timer.firedAt);
        }
    }

    @Override
    public void markFailed(DueTimer due, Instant retryAt, String error) {
        synchronized (timers) {
            find(due).filter(timer -> timer.firedAt == null).ifPresent(timer -> timer.nextAttemptAt = retryAt);
        }
    }

    @Override
    public int purgeFinished(Instant before) {
        synchronized (timers) {
            int size = timers.size();
            timers.removeIf(timer -> (timer.firedAt != null && timer.firedAt.isBefore(before))
                    || (timer.cancelledAt != null && timer.cancelledAt.isBefore(before)));
            return size - timers.size();
        }
    }

    private Optional<Timer> find(DueTimer due) {
        return timers.stream().filter(timer -> timer.owner.equals(due.owner())
                && timer.schedule.timerId().equals(due.timerId())).findFirst();
    }
}

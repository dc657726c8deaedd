package io.ripple.runtime.store;

import io.cloudevents.CloudEvent;
import io.ripple.runtime.Decider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Loads an actor's state from its latest usable snapshot plus the events after it, and
 * saves a new snapshot once enough events piled up on top of the last one.
 *
 * <p>States this process loaded or produced are kept in a bounded cache, so an actor that
 * receives command after command is not reloaded each time. A cached state can be stale
 * when another instance appended meanwhile; the append's expected-version check then
 * fails, and the caller must {@link #forget} the stream before loading it again.
 *
 * <p>Snapshots are a cache: a snapshot of another shape, one that does not decode, or one
 * the store cannot read is ignored with a log line and the state is rebuilt from the
 * events; a snapshot that cannot be saved only costs replay time later. Neither ever
 * fails a command.
 *
 * @param <E> the actor's event type
 * @param <S> the actor's state type
 */
public final class ActorStates<E, S> {

    private static final Logger LOG = Logger.getLogger(ActorStates.class);

    private final EventStore store;
    private final Decider<?, E, S> decider;
    private final Function<List<CloudEvent>, List<E>> decodeEvents;
    private final SnapshotCodec<S> codec;
    private final int snapshotEvery;
    private final Map<StreamId, LoadedState<S>> cache;

    /**
     * @param store         where events and snapshots are
     * @param decider       folds events into state
     * @param decodeEvents  binds stored CloudEvents to the actor's event records
     * @param codec         serializes state for snapshots
     * @param snapshotEvery save a snapshot when at least this many events were replayed on
     *                      top of the last one ({@code ripple.store.snapshot-every}); 0 never
     * @param cacheSize     how many actors' states to keep in memory
     *                      ({@code ripple.store.state-cache-size}); 0 keeps none
     */
    public ActorStates(EventStore store, Decider<?, E, S> decider, Function<List<CloudEvent>, List<E>> decodeEvents,
            SnapshotCodec<S> codec, int snapshotEvery, int cacheSize) {
        if (snapshotEvery < 0) {
            throw new IllegalArgumentException("ripple.store.snapshot-every must not be negative: " + snapshotEvery);
        }
        if (cacheSize < 0) {
            throw new IllegalArgumentException("ripple.store.state-cache-size must not be negative: " + cacheSize);
        }
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<StreamId, LoadedState<S>> eldest) {
                return size() > cacheSize;
            }
        };
        this.store = store;
        this.decider = decider;
        this.decodeEvents = decodeEvents;
        this.codec = codec;
        this.snapshotEvery = snapshotEvery;
    }

    /**
     * The actor's current state as far as this process knows: the cached one, else the
     * snapshot (if usable) plus the events after it.
     */
    public LoadedState<S> load(StreamId stream) {
        synchronized (cache) {
            LoadedState<S> cached = cache.get(stream);
            if (cached != null) {
                return cached;
            }
        }
        LoadedState<S> loaded = loadFromStore(stream);
        remember(stream, loaded);
        return loaded;
    }

    /** Drops the cached state of {@code stream}: an append found it stale. */
    public void forget(StreamId stream) {
        synchronized (cache) {
            cache.remove(stream);
        }
    }

    private void remember(StreamId stream, LoadedState<S> state) {
        synchronized (cache) {
            LoadedState<S> cached = cache.get(stream);
            if (cached == null || cached.version() <= state.version()) {
                cache.put(stream, state);
            }
        }
    }

    private LoadedState<S> loadFromStore(StreamId stream) {
        Optional<Base<S>> base = snapshotEvery == 0 ? Optional.empty() : usableSnapshot(stream);
        S state = base.map(Base::state).orElseGet(decider::initialState);
        long from = base.map(Base::version).orElse(0L);
        EventStream events = store.load(stream, from);
        if (events.version() < from) {
            // The stream is shorter than the snapshot claims: trust the events, not the cache.
            LOG.warnf("snapshot of %s is at version %d but the stream ends at %d; rebuilding from events", stream,
                    from, events.version());
            return replayAll(stream);
        }
        return new LoadedState<>(decider.evolveAll(state, decodeEvents.apply(events.events())), events.version(), from);
    }

    /** The state from every event, ignoring snapshots (what a snapshot must be equal to). */
    public LoadedState<S> replayAll(StreamId stream) {
        EventStream events = store.load(stream);
        return new LoadedState<>(decider.evolveAll(decider.initialState(), decodeEvents.apply(events.events())),
                events.version(), 0);
    }

    /**
     * Called after {@code newEvents} were appended on top of {@code before}: caches the
     * resulting state and saves a snapshot of it when one is due.
     *
     * @return the state after the new events
     */
    public LoadedState<S> appended(StreamId stream, LoadedState<S> before, List<E> newEvents) {
        if (newEvents.isEmpty()) {
            return before;
        }
        long version = before.version() + newEvents.size();
        S state = decider.evolveAll(before.state(), newEvents);
        long snapshotVersion = before.snapshotVersion();
        if (snapshotEvery > 0 && version - snapshotVersion >= snapshotEvery && saveSnapshot(stream, state, version)) {
            snapshotVersion = version;
        }
        LoadedState<S> after = new LoadedState<>(state, version, snapshotVersion);
        remember(stream, after);
        return after;
    }

    private boolean saveSnapshot(StreamId stream, S state, long version) {
        try {
            store.saveSnapshot(stream, new Snapshot(version, codec.shape(), codec.encode(state)));
            return true;
        } catch (RuntimeException e) {
            LOG.warnf(e, "snapshot of %s at version %d not saved; loading replays more events until one is", stream,
                    version);
            return false;
        }
    }

    private record Base<S>(S state, long version) {
    }

    private Optional<Base<S>> usableSnapshot(StreamId stream) {
        Optional<Snapshot> stored;
        try {
            stored = store.loadSnapshot(stream);
        } catch (RuntimeException e) {
            LOG.warnf(e, "snapshot of %s unreadable; rebuilding from events", stream);
            return Optional.empty();
        }
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Snapshot snapshot = stored.get();
        if (!snapshot.shape().equals(codec.shape())) {
            LOG.debugf("snapshot of %s has shape %s, not %s; rebuilding from events", stream, snapshot.shape(),
                    codec.shape());
            return Optional.empty();
        }
        try {
            return Optional.of(new Base<>(codec.decode(snapshot.state()), snapshot.version()));
        } catch (RuntimeException e) {
            LOG.warnf("snapshot of %s at version %d does not decode (%s); rebuilding from events", stream,
                    snapshot.version(), e.getMessage());
            return Optional.empty();
        }
    }
}

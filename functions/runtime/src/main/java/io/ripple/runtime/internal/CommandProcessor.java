package io.ripple.runtime.internal;

import io.cloudevents.CloudEvent;
import io.ripple.runtime.ActorDefinition;
import io.ripple.runtime.Decider;
import io.ripple.runtime.Rejection;
import io.ripple.runtime.Routed;
import io.ripple.runtime.store.ActorStates;
import io.ripple.runtime.store.EventStore;
import io.ripple.runtime.store.JsonSnapshotCodec;
import io.ripple.runtime.store.LoadedState;
import io.ripple.runtime.store.StreamId;
import io.ripple.runtime.store.TimerChange;
import io.ripple.runtime.store.VersionConflictException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Steps 2–4 of processing a command (ARCHITECTURE.md): skip a command already recorded,
 * load the actor's state, decide, and append with the expected version, deciding again
 * on a lost race. Publishing is the caller's step 5.
 *
 * <p>State comes from {@link ActorStates}: cached in this process, else the latest
 * snapshot plus the events after it; a lost race drops the cached state. Timers that the
 * decided events ask for ({@code ScheduleCommand}, {@code CancelTimer}) are appended in
 * the same transaction as the events, and a command sent by a timer that a later decision
 * cancelled is dropped before it is decided.
 *
 * <p>Commands for one address are serialized inside this process (an actor consumes one
 * command at a time); the store's expected-version check keeps state correct across
 * processes, where two instances may receive the same key.
 */
public final class CommandProcessor<C, E, S> {

    private static final int LOCK_STRIPES = 256;

    private final ActorDefinition<C, E, S> actor;
    private final CloudEventCodec<C, E, S> codec;
    private final EventStore store;
    private final Supplier<OffsetDateTime> clock;
    private final int maxAttempts;
    private final ProcessingSteps steps;
    private final ActorStates<E, S> states;
    private final Object[] locks = new Object[LOCK_STRIPES];

    public CommandProcessor(ActorDefinition<C, E, S> actor, CloudEventCodec<C, E, S> codec, EventStore store,
            Supplier<OffsetDateTime> clock, int maxAttempts) {
        this(actor, codec, store, clock, maxAttempts, ProcessingSteps.UNOBSERVED);
    }

    public CommandProcessor(ActorDefinition<C, E, S> actor, CloudEventCodec<C, E, S> codec, EventStore store,
            Supplier<OffsetDateTime> clock, int maxAttempts, ProcessingSteps steps) {
        this(actor, codec, store, clock, maxAttempts, steps, new ActorStates<>(store, actor.decider(),
                codec::decodeEvents, JsonSnapshotCodec.forDecider(actor.decider(), codec.mapper()),
                StoreConfig.DEFAULT_SNAPSHOT_EVERY, StoreConfig.DEFAULT_STATE_CACHE_SIZE));
    }

    /** @param states where the actor's state comes from: cache, snapshots, events */
    public CommandProcessor(ActorDefinition<C, E, S> actor, CloudEventCodec<C, E, S> codec, EventStore store,
            Supplier<OffsetDateTime> clock, int maxAttempts, ProcessingSteps steps, ActorStates<E, S> states) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.actor = actor;
        this.codec = codec;
        this.store = store;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.steps = steps;
        this.states = states;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Processes one command.
     *
     * @throws ProblemException 400 when the command cannot be bound to a record, 503 when
     *         the append kept losing races (the broker retries later)
     */
    public ProcessingResult process(IncomingCommand command) {
        Optional<Routed<C>> routed = codec.route(command);
        if (routed.isEmpty()) {
            return new ProcessingResult(ProcessingOutcome.IGNORED, List.of(), 0);
        }
        C decoded = routed.get().command();
        StreamId stream = new StreamId(actor.name(), routed.get().actorId());
        synchronized (lockFor(stream)) {
            for (int attempt = 1; ; attempt++) {
                Optional<List<CloudEvent>> earlier = store.eventsOfCommand(stream, command.id());
                if (earlier.isPresent()) {
                    return new ProcessingResult(ProcessingOutcome.DUPLICATE, earlier.get(), attempt - 1);
                }
                if (command.timer() != null && store.isTimerCancelled(stream, command.id())) {
                    // The timer fired before a later decision cancelled it: the command is void.
                    return new ProcessingResult(ProcessingOutcome.TIMER_CANCELLED, List.of(), attempt - 1);
                }
                Decider<C, E, S> decider = actor.decider();
                LoadedState<S> loaded = steps.step(ProcessingSteps.LOAD, () -> states.load(stream));
                List<E> events = steps.step(ProcessingSteps.DECIDE, () -> decider.decide(decoded, loaded.state()));
                OffsetDateTime now = clock.get();
                List<CloudEvent> encoded = codec.encodeEvents(events, command, stream, now);
                List<TimerChange> timers = TimerRequests.of(events, encoded, command, stream,
                        command.time() != null ? command.time() : now, codec);
                try {
                    steps.run(ProcessingSteps.APPEND, () -> store.append(stream, loaded.version(), command.id(), encoded, timers));
                } catch (VersionConflictException conflict) {
                    // Another instance appended first: the cached state is stale.
                    states.forget(stream);
                    if (attempt >= maxAttempts) {
                        throw new ProblemException(503, "urn:ripple:problem:version-conflict",
                                "Concurrent modification", "gave up on " + stream + " after " + attempt
                                        + " conflicting appends; retry the delivery", conflict);
                    }
                    continue;
                }
                states.appended(stream, loaded, events);
                boolean rejected = events.stream().anyMatch(Rejection.class::isInstance);
                return new ProcessingResult(rejected ? ProcessingOutcome.REJECTED : ProcessingOutcome.APPLIED,
                        encoded, attempt - 1);
            }
        }
    }

    /** Sets up ahead of the first command what decoding and encoding it would (the codec's bindings). */
    public void prepareForFirstCommand() {
        codec.prepareForFirstCommand();
    }

    /** Where the actor's state comes from: cache, snapshots, events. */
    public ActorStates<E, S> states() {
        return states;
    }

    private Object lockFor(StreamId stream) {
        return locks[Math.floorMod(stream.hashCode(), LOCK_STRIPES)];
    }
}

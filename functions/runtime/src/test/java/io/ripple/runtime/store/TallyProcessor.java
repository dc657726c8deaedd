package io.ripple.runtime.store;

import io.cloudevents.CloudEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runtime's processing steps 2–4 (ARCHITECTURE.md) on a store, for tests: a recorded
 * command returns its stored events; otherwise load (snapshot + events), decide, append
 * with the expected version, and decide again after a lost race.
 */
final class TallyProcessor {

    /** What processing one command amounted to. */
    record Outcome(boolean duplicate, List<CloudEvent> events, int conflicts) {
        List<String> ids() {
            return events.stream().map(CloudEvent::getId).toList();
        }
    }

    private final EventStore store;
    private final ActorStates<Tally.Added, Tally.State> states;
    private final int maxAttempts;

    TallyProcessor(EventStore store, int snapshotEvery, int maxAttempts) {
        this.store = store;
        this.states = Tally.states(store, snapshotEvery);
        this.maxAttempts = maxAttempts;
    }

    Outcome process(StreamId stream, String commandId, Tally.Add command) {
        return process(stream, commandId, command, () -> {
        });
    }

    /** Like {@link #process(StreamId, String, Tally.Add)}, running {@code beforeAppend} just before the append. */
    Outcome process(StreamId stream, String commandId, Tally.Add command, Runnable beforeAppend) {
        for (int attempt = 1; ; attempt++) {
            Optional<List<CloudEvent>> earlier = store.eventsOfCommand(stream, commandId);
            if (earlier.isPresent()) {
                return new Outcome(true, earlier.get(), attempt - 1);
            }
            LoadedState<Tally.State> loaded = states.load(stream);
            List<Tally.Added> decided = Tally.DECIDER.decide(command, loaded.state());
            List<CloudEvent> encoded = new ArrayList<>();
            for (int i = 0; i < decided.size(); i++) {
                encoded.add(Tally.encode(stream, commandId, i, decided.get(i)));
            }
            beforeAppend.run();
            try {
                store.append(stream, loaded.version(), commandId, encoded);
            } catch (VersionConflictException conflict) {
                states.forget(stream);
                if (attempt >= maxAttempts) {
                    throw conflict;
                }
                continue;
            }
            states.appended(stream, loaded, decided);
            return new Outcome(false, encoded, attempt - 1);
        }
    }

    ActorStates<Tally.Added, Tally.State> states() {
        return states;
    }
}

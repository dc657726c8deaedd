package io.ripple.runtime.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.ripple.runtime.Decider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small actor for store tests: it adds numbers and remembers enough about them (a list, a
 * map, an enum, a time, a nested record, a sealed state) to make snapshot equality mean
 * something.
 */
final class Tally {

    static final String TYPE = "tally";
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    /** Add {@code amount}, as told by {@code by}, at {@code at}. */
    record Add(int amount, String by, Instant at) {
    }

    record Added(int amount, String by, Instant at) {
    }

    enum Parity {
        EVEN,
        ODD
    }

    record Last(int amount, Instant at) {
    }

    sealed interface State permits Empty, Counting {
    }

    record Empty() implements State {
    }

    record Counting(long total, int count, Parity parity, List<Integer> amounts, Map<String, Integer> byWhom,
            Last last) implements State {
    }

    static final Decider<Add, Added, State> DECIDER = new Decider<>() {
        @Override
        public State initialState() {
            return new Empty();
        }

        @Override
        public List<Added> decide(Add command, State state) {
            return List.of(new Added(command.amount(), command.by(), command.at()));
        }

        @Override
        public State evolve(State state, Added event) {
            long total = event.amount();
            int count = 1;
            List<Integer> amounts = new ArrayList<>();
            Map<String, Integer> byWhom = new LinkedHashMap<>();
            if (state instanceof Counting counting) {
                total += counting.total();
                count += counting.count();
                amounts.addAll(counting.amounts());
                byWhom.putAll(counting.byWhom());
            }
            amounts.add(event.amount());
            byWhom.merge(event.by(), 1, Integer::sum);
            return new Counting(total, count, total % 2 == 0 ? Parity.EVEN : Parity.ODD, List.copyOf(amounts),
                    Map.copyOf(byWhom), new Last(event.amount(), event.at()));
        }
    };

    private Tally() {
    }

    static StreamId stream(String id) {
        return new StreamId(TYPE, id);
    }

    /** The event as a CloudEvent, with an id derived from the command, as the runtime does. */
    static CloudEvent encode(StreamId stream, String commandId, int index, Added event) {
        try {
            String name = stream.partitionKey() + ":" + commandId + ":" + index;
            return CloudEventBuilder.v1()
                    .withId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString())
                    .withSource(URI.create("/actors/" + stream.actorType() + "/" + stream.actorId()))
                    .withType("test.tally.added")
                    .withSubject(stream.actorId())
                    .withTime(OffsetDateTime.ofInstant(event.at(), ZoneOffset.UTC))
                    .withDataContentType("application/json")
                    .withData(JSON.writeValueAsBytes(event))
                    .withExtension("partitionkey", stream.partitionKey())
                    .withExtension("causationid", commandId)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Added> decode(List<CloudEvent> events) {
        List<Added> decoded = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            try {
                decoded.add(JSON.readValue(event.getData().toBytes(), Added.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return decoded;
    }

    static JsonSnapshotCodec<State> snapshotCodec() {
        return new JsonSnapshotCodec<>(State.class, JSON);
    }

    /** States with a cache, as one function process keeps them. */
    static ActorStates<Added, State> states(EventStore store, int snapshotEvery) {
        return new ActorStates<>(store, DECIDER, Tally::decode, snapshotCodec(), snapshotEvery, 1_000);
    }

    /** The state a freshly started process loads: snapshot plus later events, nothing cached. */
    static LoadedState<State> loadFresh(EventStore store, StreamId stream) {
        return new ActorStates<>(store, DECIDER, Tally::decode, snapshotCodec(), 1, 0).load(stream);
    }
}

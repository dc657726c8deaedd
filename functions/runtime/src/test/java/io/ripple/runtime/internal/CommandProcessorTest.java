package io.ripple.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cloudevents.CloudEvent;
import io.ripple.runtime.store.EventStore;
import io.ripple.runtime.store.EventStream;
import io.ripple.runtime.store.StreamId;
import io.ripple.runtime.store.VersionConflictException;
import io.ripple.runtime.store.internal.InMemoryEventStore;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommandProcessorTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final InMemoryEventStore memory = new InMemoryEventStore();

    private CommandProcessor<Counter.Add, Counter.Event, Integer> processor(EventStore store, int attempts) {
        return new CommandProcessor<>(Counter.DEFINITION, new CloudEventCodec<>(Counter.DEFINITION, mapper), store,
                () -> NOW, attempts);
    }

    private static IncomingCommand add(String id, int amount) {
        return new IncomingCommand(id, "/tests", "test.counter.add", "c1", null, null, null, null,
                JsonNodeFactory.instance.objectNode().put("amount", amount));
    }

    @Test
    void appliedEventsAreStoredAndReturned() {
        ProcessingResult result = processor(memory, 1).process(add("a", 5));
        assertThat(result.outcome()).isEqualTo(ProcessingOutcome.APPLIED);
        assertThat(result.events()).hasSize(1);
        assertThat(memory.load(new StreamId("counter", "c1")).events()).isEqualTo(result.events());
    }

    @Test
    void stateIsRebuiltFromStoredEvents() throws Exception {
        processor(memory, 1).process(add("a", 5));
        ProcessingResult second = processor(memory, 1).process(add("b", 7));
        assertThat(mapper.readTree(second.events().get(0).getData().toBytes()).get("total").asInt()).isEqualTo(12);
    }

    @Test
    void aRedeliveredCommandReturnsTheStoredEventsWithoutDecidingAgain() {
        CommandProcessor<Counter.Add, Counter.Event, Integer> processor = processor(memory, 1);
        ProcessingResult first = processor.process(add("a", 5));
        ProcessingResult again = processor.process(add("a", 5));
        assertThat(again.outcome()).isEqualTo(ProcessingOutcome.DUPLICATE);
        assertThat(again.events()).isEqualTo(first.events());
        assertThat(memory.load(new StreamId("counter", "c1")).version()).isEqualTo(1);
    }

    @Test
    void aRejectionIsStoredAndReportedAsRejected() {
        ProcessingResult result = processor(memory, 1).process(add("a", -1));
        assertThat(result.outcome()).isEqualTo(ProcessingOutcome.REJECTED);
        assertThat(result.events().get(0).getType()).isEqualTo("test.counter.refused");
    }

    @Test
    void aLostRaceIsDecidedAgainOnTheNewState() throws Exception {
        AtomicInteger conflictsLeft = new AtomicInteger(2);
        EventStore racing = new DelegatingStore(memory) {
            @Override
            public void append(StreamId stream, long expected, String commandId, List<CloudEvent> events) {
                if (conflictsLeft.getAndDecrement() > 0) {
                    // Another instance appends first.
                    memory.append(stream, expected, "other-" + conflictsLeft.get(), List.of(
                            processor(new InMemoryEventStore(), 1).process(add("x" + conflictsLeft.get(), 1))
                                    .events().get(0)));
                }
                super.append(stream, expected, commandId, events);
            }
        };
        ProcessingResult result = processor(racing, 5).process(add("a", 5));
        assertThat(result.conflicts()).isEqualTo(2);
        assertThat(memory.load(new StreamId("counter", "c1")).version()).isEqualTo(3);
    }

    @Test
    void endlessConflictsGiveUpWithA503() {
        EventStore alwaysBehind = new DelegatingStore(memory) {
            @Override
            public void append(StreamId stream, long expected, String commandId, List<CloudEvent> events) {
                throw new VersionConflictException(stream, expected);
            }
        };
        assertThatThrownBy(() -> processor(alwaysBehind, 3).process(add("a", 5)))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(503))
                .hasMessageContaining("after 3 conflicting appends");
    }

    @Test
    void anUndecodableCommandIsRefusedBeforeTheStoreIsTouched() {
        IncomingCommand bad = new IncomingCommand("a", "/tests", "test.counter.add", "c1", null, null, null, null,
                JsonNodeFactory.instance.objectNode().put("amount", "lots"));
        assertThatThrownBy(() -> processor(memory, 1).process(bad))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(400));
        assertThat(memory.load(new StreamId("counter", "c1")).version()).isZero();
    }

    @Test
    void eventIdsDependOnlyOnActorCommandAndPosition() {
        StreamId stream = new StreamId("counter", "c1");
        assertThat(CloudEventCodec.eventId(stream, "a", 0)).isEqualTo(CloudEventCodec.eventId(stream, "a", 0))
                .isNotEqualTo(CloudEventCodec.eventId(stream, "a", 1))
                .isNotEqualTo(CloudEventCodec.eventId(stream, "b", 0))
                .isNotEqualTo(CloudEventCodec.eventId(new StreamId("counter", "c2"), "a", 0));
    }

    @Test
    void anotherActorsEventIsRoutedToTheActorItConcerns() {
        IncomingCommand deposited = new IncomingCommand("evt-1", "/actors/bank/b1", "test.bank.deposited", "b1", null,
                "chain-9", null, null, JsonNodeFactory.instance.objectNode().put("account", "c7").put("amount", 3));
        ProcessingResult result = processor(memory, 1).process(deposited);
        assertThat(result.outcome()).isEqualTo(ProcessingOutcome.APPLIED);
        CloudEvent added = result.events().get(0);
        assertThat(added.getSubject()).isEqualTo("c7");
        assertThat(added.getExtension("causationid")).isEqualTo("evt-1");
        assertThat(added.getExtension("correlationid")).isEqualTo("chain-9");
        assertThat(memory.load(new StreamId("counter", "c7")).version()).isEqualTo(1);
        assertThat(processor(memory, 1).process(deposited).outcome()).isEqualTo(ProcessingOutcome.DUPLICATE);
    }

    @Test
    void anEventThatConcernsNoActorIsIgnored() {
        IncomingCommand nothing = new IncomingCommand("evt-2", "/actors/bank/b1", "test.bank.deposited", "b1", null,
                null, null, null, JsonNodeFactory.instance.objectNode().put("account", "c7").put("amount", 0));
        ProcessingResult result = processor(memory, 1).process(nothing);
        assertThat(result.outcome()).isEqualTo(ProcessingOutcome.IGNORED);
        assertThat(result.events()).isEmpty();
    }

    @Test
    void anEventTheRouteRefusesIsABadRequestNotAnInternalError() {
        IncomingCommand noAccount = new IncomingCommand("evt-3", "/actors/bank/b1", "test.bank.deposited", "b1", null,
                null, null, null, JsonNodeFactory.instance.objectNode().put("account", " ").put("amount", 3));
        assertThatThrownBy(() -> processor(memory, 1).process(noAccount))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(400))
                .hasMessageContaining("account is required");
    }

    @Test
    void aCommandWithoutSubjectIsRefused() {
        IncomingCommand bad = new IncomingCommand("a", "/tests", "test.counter.add", null, null, null, null, null,
                JsonNodeFactory.instance.objectNode().put("amount", 1));
        assertThatThrownBy(() -> processor(memory, 1).process(bad))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type()).endsWith("missing-subject"));
    }

    private static class DelegatingStore implements EventStore {
        private final EventStore delegate;

        DelegatingStore(EventStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public EventStream load(StreamId stream) {
            return delegate.load(stream);
        }

        @Override
        public Optional<List<CloudEvent>> eventsOfCommand(StreamId stream, String commandId) {
            return delegate.eventsOfCommand(stream, commandId);
        }

        @Override
        public void append(StreamId stream, long expected, String commandId, List<CloudEvent> events) {
            delegate.append(stream, expected, commandId, events);
        }
    }
}

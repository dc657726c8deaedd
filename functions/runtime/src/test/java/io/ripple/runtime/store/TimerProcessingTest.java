package io.ripple.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cloudevents.CloudEvent;
import io.ripple.runtime.internal.CloudEventCodec;
import io.ripple.runtime.internal.CommandProcessor;
import io.ripple.runtime.internal.IncomingCommand;
import io.ripple.runtime.internal.ProcessingOutcome;
import io.ripple.runtime.internal.ProcessingResult;
import io.ripple.runtime.internal.ProcessingSteps;
import io.ripple.runtime.store.internal.InMemoryEventStore;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The processor turns ScheduleCommand / CancelTimer events into stored timers, and drops cancelled ones. */
class TimerProcessingTest {

    private static final OffsetDateTime RECEIVED = OffsetDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime COMMAND_TIME = RECEIVED.minusSeconds(5);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final InMemoryEventStore store = new InMemoryEventStore();
    private final StreamId oven = new StreamId(Oven.TYPE, "o-1");

    private CommandProcessor<Oven.Command, Oven.Event, Oven.State> processor(int snapshotEvery) {
        CloudEventCodec<Oven.Command, Oven.Event, Oven.State> codec = new CloudEventCodec<>(Oven.DEFINITION, mapper);
        ActorStates<Oven.Event, Oven.State> states = new ActorStates<>(store, Oven.DEFINITION.decider(),
                codec::decodeEvents, JsonSnapshotCodec.forDecider(Oven.DEFINITION.decider(), mapper), snapshotEvery,
                100);
        return new CommandProcessor<>(Oven.DEFINITION, codec, store, () -> RECEIVED, 3, ProcessingSteps.UNOBSERVED,
                states);
    }

    private static IncomingCommand command(String id, String type, String json, OffsetDateTime time, String timer) {
        try {
            return new IncomingCommand(id, "/tests", type, "o-1", time, "chain-1", null, null,
                    new ObjectMapper().readTree(json), timer);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static IncomingCommand bake(String id, long seconds, OffsetDateTime time) {
        return command(id, "test.oven.bake", "{\"dish\":\"bread\",\"seconds\":" + seconds + "}", time, null);
    }

    private static IncomingCommand stop(String id, String timer) {
        return command(id, "test.oven.stop-baking", "{\"reason\":\"done\"}", null, timer);
    }

    @Test
    void aTimerIsDueAtTheTimeOfTheDecidedCommandPlusItsDelay() {
        ProcessingResult baked = processor(0).process(bake("bake-1", 90, COMMAND_TIME));

        List<DueTimer> due = store.claimDue(FAR_FUTURE, LEASE, 10);

        assertThat(due).hasSize(1);
        DueTimer timer = due.get(0);
        assertThat(timer.owner()).isEqualTo(oven);
        assertThat(timer.dueAt()).isEqualTo(COMMAND_TIME.plusSeconds(90).toInstant());
        CloudEvent command = timer.command();
        assertThat(command.getId()).isEqualTo(timer.timerId());
        assertThat(command.getType()).isEqualTo("test.oven.stop-baking");
        assertThat(command.getSubject()).isEqualTo("o-1");
        assertThat(command.getTime()).isEqualTo(COMMAND_TIME.plusSeconds(90));
        assertThat(command.getExtension("causationid")).isEqualTo(baked.events().get(0).getId());
        assertThat(command.getExtension("correlationid")).isEqualTo("chain-1");
        assertThat(command.getExtension(TimerChange.TIMER_EXTENSION)).isEqualTo("bake-timeout");
    }

    @Test
    void aCommandWithoutTimeSchedulesFromWhenItWasReceived() {
        processor(0).process(bake("bake-1", 60, null));

        assertThat(store.claimDue(FAR_FUTURE, LEASE, 10)).extracting(DueTimer::dueAt)
                .containsExactly(RECEIVED.plusSeconds(60).toInstant());
    }

    @Test
    void theCommandOfACancelledTimerIsDroppedWithoutADecision() {
        CommandProcessor<Oven.Command, Oven.Event, Oven.State> processor = processor(0);
        processor.process(bake("bake-1", 90, COMMAND_TIME));
        DueTimer fired = store.claimDue(FAR_FUTURE, LEASE, 10).get(0);
        store.markFired(fired, Instant.now());
        processor.process(stop("stop-1", null));

        ProcessingResult late = processor.process(IncomingCommand.of(fired.command(), mapper));

        assertThat(late.outcome()).isEqualTo(ProcessingOutcome.TIMER_CANCELLED);
        assertThat(late.events()).isEmpty();
        assertThat(store.load(oven).version()).isEqualTo(2);
    }

    @Test
    void theCommandOfATimerStillRunningIsDecided() {
        CommandProcessor<Oven.Command, Oven.Event, Oven.State> processor = processor(0);
        processor.process(bake("bake-1", 90, COMMAND_TIME));
        DueTimer fired = store.claimDue(FAR_FUTURE, LEASE, 10).get(0);

        ProcessingResult timeout = processor.process(IncomingCommand.of(fired.command(), mapper));

        assertThat(timeout.outcome()).isEqualTo(ProcessingOutcome.APPLIED);
        assertThat(timeout.events()).extracting(CloudEvent::getType).containsExactly("test.oven.baking-stopped");
        assertThat(store.load(oven).version()).isEqualTo(2);
    }

    @Test
    void snapshotsAreSavedEveryNEventsAndEqualAFullReplay() {
        CommandProcessor<Oven.Command, Oven.Event, Oven.State> processor = processor(2);
        for (int i = 0; i < 3; i++) {
            processor.process(bake("bake-" + i, 90, COMMAND_TIME));
            processor.process(stop("stop-" + i, null));
        }

        assertThat(store.loadSnapshot(oven)).hasValueSatisfying(s -> assertThat(s.version()).isEqualTo(6));
        ActorStates<Oven.Event, Oven.State> fresh = new ActorStates<>(store, Oven.DEFINITION.decider(),
                new CloudEventCodec<>(Oven.DEFINITION, mapper)::decodeEvents,
                JsonSnapshotCodec.forDecider(Oven.DEFINITION.decider(), mapper), 2, 0);
        LoadedState<Oven.State> loaded = fresh.load(oven);
        assertThat(loaded.snapshotVersion()).isEqualTo(6);
        assertThat(loaded.state()).isEqualTo(new Oven.State(null, 3)).isEqualTo(fresh.replayAll(oven).state());
    }
}

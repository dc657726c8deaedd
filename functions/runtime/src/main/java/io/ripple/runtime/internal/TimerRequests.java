package io.ripple.runtime.internal;

import io.cloudevents.CloudEvent;
import io.ripple.runtime.CancelTimer;
import io.ripple.runtime.ScheduleCommand;
import io.ripple.runtime.store.StreamId;
import io.ripple.runtime.store.TimerChange;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the timer requests out of a decision: events that implement
 * {@link ScheduleCommand} or {@link CancelTimer} become {@link TimerChange}s, which the
 * store writes in the same transaction as the events.
 */
final class TimerRequests {

    private TimerRequests() {
    }

    /**
     * @param events      the decided events
     * @param encoded     their CloudEvents, same order
     * @param cause       the command decided
     * @param owner       the deciding actor
     * @param decidedAt   the command's own time: its {@code time} attribute, else when it was received
     */
    static List<TimerChange> of(List<?> events, List<CloudEvent> encoded, IncomingCommand cause, StreamId owner,
            OffsetDateTime decidedAt, CloudEventCodec<?, ?, ?> codec) {
        List<TimerChange> changes = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Object event = events.get(i);
            if (event instanceof CancelTimer cancel) {
                changes.add(new TimerChange.Cancel(cancel.timerName()));
            }
            if (event instanceof ScheduleCommand schedule) {
                if (schedule.delay().isNegative()) {
                    throw new IllegalStateException(event.getClass().getName() + " asks for timer '"
                            + schedule.timerName() + "' with a negative delay " + schedule.delay());
                }
                ScheduleCommand.Target target = schedule.target();
                StreamId to = target == null ? owner : new StreamId(target.actorType(), target.actorId());
                OffsetDateTime dueAt = decidedAt.plus(schedule.delay());
                CloudEvent command = codec.encodeTimerCommand(schedule.command(), schedule.timerName(), encoded.get(i),
                        cause, owner, to, dueAt);
                changes.add(new TimerChange.Schedule(schedule.timerName(), dueAt.toInstant(), command));
            }
        }
        return changes;
    }
}

package io.ripple.runtime.store;

import io.cloudevents.CloudEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * A change to an actor's timers that a decision asked for, stored in the same transaction
 * as the decision's events (see {@link EventStore#append(StreamId, long, String, java.util.List, java.util.List)}).
 *
 * <p>Timers are named per actor: scheduling a name that is already scheduled replaces the
 * earlier timer, and cancelling a name cancels every timer of that name the actor has not
 * consumed yet.
 */
public sealed interface TimerChange {

    /**
     * The CloudEvent extension attribute that marks a command sent by a timer; its value is
     * the timer's name. The processor checks {@link EventStore#isTimerCancelled} for such
     * commands before deciding them.
     */
    String TIMER_EXTENSION = "rippletimer";

    /** The timer's name, unique per actor. */
    String timerName();

    /**
     * Send {@code command} to the broker at {@code dueAt} (at least once). The command's
     * CloudEvent id is the timer's id, so a timer that fires twice is recognised as one
     * command by the actor that receives it.
     *
     * @param timerName the timer's name, unique per actor
     * @param dueAt     when to send it
     * @param command   the complete command CloudEvent, addressed (subject, partitionkey)
     *                  to this actor or another one
     */
    record Schedule(String timerName, Instant dueAt, CloudEvent command) implements TimerChange {
        public Schedule {
            Objects.requireNonNull(timerName, "timerName");
            Objects.requireNonNull(dueAt, "dueAt");
            Objects.requireNonNull(command, "command");
        }

        /** The timer's id: the id of the command it sends. */
        public String timerId() {
            return command.getId();
        }
    }

    /** Do not send the commands of the actor's timers named {@code timerName}. */
    record Cancel(String timerName) implements TimerChange {
        public Cancel {
            Objects.requireNonNull(timerName, "timerName");
        }
    }
}

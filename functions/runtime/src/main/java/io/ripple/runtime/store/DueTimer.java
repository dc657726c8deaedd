package io.ripple.runtime.store;

import io.cloudevents.CloudEvent;
import java.time.Instant;

/**
 * A timer whose command is due, claimed for sending by one timer service for a while.
 *
 * @param owner     the actor whose decision scheduled it
 * @param timerId   its id, equal to {@code command.getId()}
 * @param timerName its name within the owner
 * @param dueAt     when it was due
 * @param attempts  how many times sending was attempted before, this claim included
 * @param command   the command CloudEvent to send to the broker
 */
public record DueTimer(StreamId owner, String timerId, String timerName, Instant dueAt, int attempts,
        CloudEvent command) {
}

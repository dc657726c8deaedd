package io.ripple.runtime;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Marks an event that also asks for a command to be sent later: a timer. "If brewing has
 * not finished in 90 s, time out" is a {@code BrewStarted} event implementing this
 * interface with {@code delay() = 90 s} and {@code command() = FinishBrewing.failed("timeout")}.
 *
 * <p>The decider stays pure: it only returns the event. The runtime stores the timer in
 * the same transaction as the event, due at the time of the command being decided (its
 * CloudEvent {@code time}, else when it was received) plus {@link #delay()}, and the
 * timer service sends the command to the broker when it is due, at least once. A later
 * event implementing {@link CancelTimer} with the same name cancels it; scheduling the
 * same name again replaces it. The command is sent as a CloudEvent whose {@code time} is
 * the due time, so a decider that needs "now" when it handles the timeout has it.
 */
public interface ScheduleCommand {

    /** The timer's name, unique within this actor, e.g. {@code brew-timeout}. */
    String timerName();

    /** How long after the time of the command being decided the command is due. */
    Duration delay();

    /** The command to send: a record bound to its CloudEvent type with {@link MessageType}. */
    Object command();

    /**
     * The actor the command is for; {@code null} (the default) means this actor. Only a
     * timer addressed to this actor is checked for cancellation when its command arrives.
     */
    default @Nullable Target target() {
        return null;
    }

    /**
     * Another actor's address.
     *
     * @param actorType the receiving actor's type, e.g. {@code barista}
     * @param actorId   its id
     */
    record Target(String actorType, String actorId) {
    }
}

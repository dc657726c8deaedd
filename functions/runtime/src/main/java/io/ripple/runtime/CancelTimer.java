package io.ripple.runtime;

/**
 * Marks an event that cancels this actor's timer of the given name (see
 * {@link ScheduleCommand}): "brewing finished" cancels "brew-timeout". A command of that
 * timer already on its way is dropped by the runtime when it arrives, unless the actor
 * processed it before the cancelling event was stored.
 */
public interface CancelTimer {

    /** The name of the timer to cancel. */
    String timerName();
}

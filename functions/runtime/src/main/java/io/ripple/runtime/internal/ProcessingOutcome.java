package io.ripple.runtime.internal;

/** What processing one command amounted to. */
public enum ProcessingOutcome {
    /** New events were decided and stored. */
    APPLIED,
    /** The decider refused the command; the refusal was stored as an event. */
    REJECTED,
    /** The command id was processed before; its stored events are published again. */
    DUPLICATE,
    /** Another actor's event that this actor's reaction routed nowhere: nothing to do. */
    IGNORED,
    /** A command sent by a timer that a later decision cancelled: dropped, nothing stored. */
    TIMER_CANCELLED
}

package io.ripple.runtime.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The timer service's view of stored timers: claim the due ones, send them, then record
 * the outcome. Sending is at least once: a claim expires after its lease, so a timer
 * service that dies while sending leaves the timer to be sent again.
 */
public interface TimerQueue {

    /**
     * Claims up to {@code limit} timers due at {@code now}, oldest first, for
     * {@code lease}: no other caller gets them until the lease ends or they are marked.
     */
    List<DueTimer> claimDue(Instant now, Duration lease, int limit);

    /** The broker accepted the timer's command: it will not be sent again. */
    void markFired(DueTimer timer, Instant firedAt);

    /** Sending failed: try again at {@code retryAt}. */
    void markFailed(DueTimer timer, Instant retryAt, String error);

    /** Deletes timers fired or cancelled before {@code before}; answers how many. */
    int purgeFinished(Instant before);
}

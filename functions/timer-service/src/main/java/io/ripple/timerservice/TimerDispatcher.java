package io.ripple.timerservice;

import io.quarkus.scheduler.Scheduled;
import io.ripple.runtime.store.DueTimer;
import io.ripple.runtime.store.JdbcStore;
import io.ripple.runtime.store.TimerQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Every poll interval: claims the due timers of each watched store, POSTs each command to
 * the broker, and marks the timer fired only after the broker's 2xx (at least once: a
 * crash between the 2xx and the mark sends the command again, and the actor recognises
 * its id). A refused send is retried with a doubling delay.
 */
@ApplicationScoped
public class TimerDispatcher {

    private static final Logger LOG = Logger.getLogger(TimerDispatcher.class);

    private final WatchedStores stores;
    private final DueCommandSender sender;
    private final TimerServiceConfig config;
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong fired = new AtomicLong();
    private volatile Instant lastPoll = Instant.EPOCH;

    @Inject
    public TimerDispatcher(WatchedStores stores, DueCommandSender sender, TimerServiceConfig config) {
        this.stores = stores;
        this.sender = sender;
        this.config = config;
    }

    @Scheduled(every = "${ripple.timers.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        for (JdbcStore store : stores.current()) {
            try {
                dispatch(store.timerQueue());
            } catch (RuntimeException e) {
                // One unreadable store must not stop the timers of the others.
                LOG.errorf(e, "timers of %s not dispatched", store.description());
            }
        }
        lastPoll = clock.instant();
    }

    @Scheduled(every = "1h", delayed = "1m")
    void purge() {
        Instant before = clock.instant().minus(config.retention());
        for (JdbcStore store : stores.current()) {
            int purged = store.timerQueue().purgeFinished(before);
            if (purged > 0) {
                LOG.infof("purged %d finished timers of %s", purged, store.description());
            }
        }
    }

    private void dispatch(TimerQueue timers) {
        List<DueTimer> due;
        do {
            due = timers.claimDue(clock.instant(), config.lease(), config.batchSize());
            for (DueTimer timer : due) {
                send(timers, timer);
            }
        } while (due.size() == config.batchSize());
    }

    private void send(TimerQueue timers, DueTimer timer) {
        DueCommandSender.Answer answer = sender.send(timer.command());
        if (answer.accepted()) {
            timers.markFired(timer, clock.instant());
            fired.incrementAndGet();
            LOG.debugf("timer %s of %s fired: %s sent", timer.timerName(), timer.owner(), timer.command().getType());
            return;
        }
        Duration delay = retryDelay(timer.attempts());
        String error = answer.status() == 0 ? answer.detail() : "sink answered " + answer.status() + ": " + answer.detail();
        LOG.warnf("timer %s of %s not sent (attempt %d): %s; retrying in %s", timer.timerName(), timer.owner(),
                timer.attempts(), error, delay);
        timers.markFailed(timer, clock.instant().plus(delay), error);
    }

    /** 1 s, 2 s, 4 s, ... up to {@code ripple.timers.max-retry-delay}. */
    Duration retryDelay(int attempts) {
        long seconds = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration delay = Duration.ofSeconds(seconds);
        return delay.compareTo(config.maxRetryDelay()) > 0 ? config.maxRetryDelay() : delay;
    }

    /** How many timers this process fired. */
    public long firedCount() {
        return fired.get();
    }

    /** When the last poll finished. */
    public Instant lastPoll() {
        return lastPoll;
    }
}

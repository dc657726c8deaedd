package io.ripple.devbroker.delivery;

import io.ripple.devbroker.log.DeadLetter;
import io.ripple.devbroker.log.DeliveryRecord;
import io.ripple.devbroker.log.EventLog;
import io.ripple.devbroker.telemetry.BrokerMetrics;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/** Replays dead letters to their trigger's subscriber, one replay per dead letter at a time. */
public final class Replays {

    /** What a replay request led to. */
    public enum Started {
        STARTED,
        ALREADY_REPLAYED,
        IN_PROGRESS,
        UNKNOWN_TRIGGER
    }

    private static final Logger LOG = Logger.getLogger(Replays.class);

    private final BrokerDispatcher dispatcher;
    private final DeliveryService delivery;
    private final EventLog log;
    private final BrokerMetrics metrics;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    public Replays(BrokerDispatcher dispatcher, DeliveryService delivery, EventLog log, BrokerMetrics metrics) {
        this.dispatcher = dispatcher;
        this.delivery = delivery;
        this.log = log;
        this.metrics = metrics;
    }

    /** Starts replaying {@code letter}; the outcome lands on the dead letter and in the delivery records. */
    public Started replay(DeadLetter letter) {
        if (DeadLetter.REPLAYED.equals(letter.state())) {
            return Started.ALREADY_REPLAYED;
        }
        Optional<ActiveTrigger> trigger = dispatcher.trigger(letter.trigger());
        if (trigger.isEmpty()) {
            return Started.UNKNOWN_TRIGGER;
        }
        if (!running.add(letter.id())) {
            return Started.IN_PROGRESS;
        }
        delivery.replay(trigger.get(), letter).whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.errorf(failure, "replay of dead letter %d failed", letter.id());
                running.remove(letter.id());
                return;
            }
            metrics.delivery(letter.trigger(), result.outcome());
            log.record(new DeliveryRecord(letter.trigger(), letter.eventSeq(), result.outcome(), result.attempts(),
                    result.statusCode(), result.detail(), result.startedMs(), System.currentTimeMillis()))
                    .whenComplete((ok, error) -> running.remove(letter.id()));
        });
        return Started.STARTED;
    }
}

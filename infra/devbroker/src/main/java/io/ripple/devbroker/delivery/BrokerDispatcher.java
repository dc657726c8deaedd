package io.ripple.devbroker.delivery;

import io.ripple.devbroker.log.EventLog;
import io.ripple.devbroker.log.StoredEvent;
import io.ripple.devbroker.telemetry.BrokerMetrics;
import io.vertx.core.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * All triggers of all brokers: hands each committed batch to every trigger (off the writer
 * thread, on an event loop) and gives the writer their progress to save.
 */
public final class BrokerDispatcher implements EventLog.CommitListener, EventLog.ProgressSource, AutoCloseable {

    private final Map<String, TriggerDispatcher> triggers = new LinkedHashMap<>();
    /**
     * Committed batches are handed to the triggers on one Vert.x event-loop context, in commit
     * order; the triggers spread the deliveries over the lanes.
     */
    private final Context dispatch;
    private volatile boolean closed;
    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(named("ripple-log-reader"));

    /**
     * Creates a dispatcher per trigger, positioned at its saved progress; a trigger seen for the
     * first time starts at the current end of the log, like a new Kafka consumer group.
     */
    public BrokerDispatcher(DeliveryLanes lanes, List<ActiveTrigger> active, EventLog log, DeliveryService delivery,
            BrokerMetrics metrics, int maxConcurrency, int maxBuffered) {
        this.dispatch = lanes.context(0);
        Map<String, Long> saved = log.loadProgress();
        for (ActiveTrigger trigger : active) {
            Long acked = saved.get(trigger.key());
            TriggerDispatcher dispatcher = new TriggerDispatcher(trigger, log, delivery, lanes, reader, metrics,
                    maxConcurrency, maxBuffered, acked == null ? log.head() : acked, acked != null);
            triggers.put(trigger.key(), dispatcher);
            metrics.lag(trigger.key(), dispatcher::lag);
        }
    }

    /** Starts delivering: every trigger first catches up with the log. */
    public void start() {
        triggers.values().forEach(TriggerDispatcher::start);
    }

    /** The trigger named {@code <namespace>/<name>}. */
    public Optional<ActiveTrigger> trigger(String key) {
        return Optional.ofNullable(triggers.get(key)).map(TriggerDispatcher::trigger);
    }

    /** Lag, progress and deliveries in flight per trigger. */
    public Map<String, TriggerStatus> status() {
        Map<String, TriggerStatus> status = new LinkedHashMap<>();
        triggers.forEach((key, dispatcher) -> status.put(key,
                new TriggerStatus(dispatcher.trigger(), dispatcher.lag(), dispatcher.ackedThrough(),
                        dispatcher.inFlight())));
        return status;
    }

    @Override
    public void committed(List<StoredEvent> events) {
        if (!closed) {
            dispatch.runOnContext(v -> triggers.values().forEach(trigger -> trigger.committed(events)));
        }
    }

    @Override
    public Map<String, Long> changedOffsets() {
        Map<String, Long> changed = new HashMap<>();
        triggers.forEach((key, dispatcher) -> {
            long offset = dispatcher.changedOffset();
            if (offset >= 0) {
                changed.put(key, offset);
            }
        });
        return changed;
    }

    @Override
    public void persisted(Map<String, Long> offsets) {
        offsets.forEach((key, offset) -> triggers.get(key).persisted(offset));
    }

    @Override
    public void close() {
        closed = true;
        triggers.values().forEach(TriggerDispatcher::stop);
        reader.shutdown();
        try {
            reader.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where a trigger stands. */
    public record TriggerStatus(ActiveTrigger trigger, long lag, long ackedThrough, int inFlight) {
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}

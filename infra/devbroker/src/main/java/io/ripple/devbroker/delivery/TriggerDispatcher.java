package io.ripple.devbroker.delivery;

import io.ripple.devbroker.filter.EventAttributes;
import io.ripple.devbroker.log.DeliveryRecord;
import io.ripple.devbroker.log.EventLog;
import io.ripple.devbroker.log.StoredEvent;
import io.ripple.devbroker.telemetry.BrokerMetrics;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Feeds one trigger: filters the log, keeps delivery order and concurrency, and tracks progress.
 *
 * <p>Events come <em>live</em> from the log writer after each commit, or, when the trigger is
 * behind (after a restart, or with more than {@code maxBuffered} events waiting), by reading the
 * log from its position. Progress is the seq through which every event is done
 * ({@link #ackedThrough()}); after a crash everything past it without a delivery record is
 * delivered again: at-least-once.
 *
 * <p>Ordered triggers keep one event in flight per {@code partitionkey} (events without one
 * share a key), so a slow or failing key holds back only its own events; unordered triggers
 * run up to {@code maxConcurrency} deliveries at once.
 */
final class TriggerDispatcher {

    private static final Logger LOG = Logger.getLogger(TriggerDispatcher.class);
    private static final int PAGE = 512;
    private static final String NO_KEY = "";
    private static final long RECORD_RETRY_MIN_MS = 100;
    private static final long RECORD_RETRY_MAX_MS = 5_000;

    private final ActiveTrigger trigger;
    private final String brokerKey;
    private final boolean ordered;
    private final EventLog log;
    private final DeliveryService delivery;
    private final DeliveryLanes lanes;
    private final ScheduledExecutorService reader;
    private final BrokerMetrics metrics;
    private final int maxConcurrency;
    private final int maxBuffered;

    // Guarded by this.
    private long scanned;
    private long headKnown;
    private boolean live;
    private boolean reading;
    private boolean stopped;
    private long persisted;
    private final TreeSet<Long> open = new TreeSet<>();
    private int buffered;
    private int inFlight;
    private final ArrayDeque<StoredEvent> unordered = new ArrayDeque<>();
    private final Map<String, ArrayDeque<StoredEvent>> byKey = new HashMap<>();
    private final ArrayDeque<String> readyKeys = new ArrayDeque<>();
    private final Set<String> busyKeys = new HashSet<>();

    /**
     * @param ackedThrough saved progress: every event through this seq is done
     * @param saved        whether {@code ackedThrough} is already in the log (a new trigger's is not)
     */
    TriggerDispatcher(ActiveTrigger trigger, EventLog log, DeliveryService delivery, DeliveryLanes lanes,
            ScheduledExecutorService reader, BrokerMetrics metrics, int maxConcurrency, int maxBuffered,
            long ackedThrough, boolean saved) {
        this.trigger = trigger;
        this.brokerKey = trigger.definition().brokerKey();
        this.ordered = trigger.definition().ordered();
        this.log = log;
        this.delivery = delivery;
        this.lanes = lanes;
        this.reader = reader;
        this.metrics = metrics;
        this.maxConcurrency = maxConcurrency;
        this.maxBuffered = maxBuffered;
        this.scanned = ackedThrough;
        this.persisted = saved ? ackedThrough : -1;
        this.headKnown = log.head();
    }

    ActiveTrigger trigger() {
        return trigger;
    }

    /** Starts by catching up with the log from the saved position. */
    synchronized void start() {
        scheduleRead(0);
    }

    synchronized void stop() {
        stopped = true;
    }

    /** A batch the writer just committed (on the dispatch thread). */
    void committed(List<StoredEvent> batch) {
        List<StoredEvent> start;
        synchronized (this) {
            headKnown = Math.max(headKnown, batch.get(batch.size() - 1).seq());
            if (live) {
                for (StoredEvent event : batch) {
                    if (event.seq() <= scanned) {
                        continue;
                    }
                    if (event.seq() != scanned + 1 || buffered >= maxBuffered) {
                        // Missed events or too many waiting: read them from the log instead.
                        live = false;
                        break;
                    }
                    offer(event);
                }
            }
            if (!live) {
                scheduleRead(0);
            }
            start = startable();
        }
        start(start);
    }

    /** Every event through this seq is done for this trigger. */
    synchronized long ackedThrough() {
        return open.isEmpty() ? scanned : open.first() - 1;
    }

    /** The position to save, or -1 when the saved one is current. */
    synchronized long changedOffset() {
        long acked = ackedThrough();
        return acked == persisted ? -1 : acked;
    }

    synchronized void persisted(long offset) {
        persisted = offset;
    }

    /** Events accepted by the broker and not yet done for this trigger (scanned or not). */
    synchronized long lag() {
        return open.size() + Math.max(0, Math.max(headKnown, log.head()) - scanned);
    }

    synchronized int inFlight() {
        return inFlight;
    }

    private void offer(StoredEvent event) {
        scanned = event.seq();
        if (!event.broker().equals(brokerKey) || !matches(event)) {
            return;
        }
        open.add(event.seq());
        buffered++;
        if (!ordered) {
            unordered.add(event);
            return;
        }
        String key = keyOf(event);
        ArrayDeque<StoredEvent> queue = byKey.computeIfAbsent(key, k -> new ArrayDeque<>());
        queue.add(event);
        if (queue.size() == 1 && !busyKeys.contains(key)) {
            readyKeys.add(key);
        }
    }

    private boolean matches(StoredEvent event) {
        try {
            return trigger.definition().filter().test(event.event());
        } catch (RuntimeException e) {
            LOG.warnf(e, "trigger %s: filter failed on event %s, treated as not matching", trigger.key(),
                    event.event().getId());
            return false;
        }
    }

    private List<StoredEvent> startable() {
        if (stopped) {
            return List.of();
        }
        List<StoredEvent> start = new ArrayList<>();
        while (inFlight < maxConcurrency) {
            StoredEvent next;
            if (ordered) {
                String key = readyKeys.poll();
                if (key == null) {
                    break;
                }
                next = byKey.get(key).poll();
                busyKeys.add(key);
            } else {
                next = unordered.poll();
                if (next == null) {
                    break;
                }
            }
            inFlight++;
            buffered--;
            start.add(next);
        }
        return start;
    }

    /**
     * Starts deliveries on the lanes' event loops: an ordered key always on its own lane; unordered
     * events on the caller's lane when it frees a single slot there, else in turn.
     */
    private void start(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        int here = lanes.current();
        if (lanes.size() == 1 || (!ordered && events.size() == 1 && here >= 0)) {
            lanes.run(Math.max(here, 0), events, this::deliver);
            return;
        }
        List<List<StoredEvent>> byLane = new ArrayList<>(lanes.size());
        for (int i = 0; i < lanes.size(); i++) {
            byLane.add(new ArrayList<>());
        }
        for (StoredEvent event : events) {
            byLane.get(ordered ? lanes.forKey(keyOf(event)) : lanes.nextInTurn()).add(event);
        }
        for (int i = 0; i < byLane.size(); i++) {
            if (!byLane.get(i).isEmpty()) {
                lanes.run(i, byLane.get(i), this::deliver);
            }
        }
    }

    private void deliver(StoredEvent event) {
        delivery.deliver(trigger, event).whenComplete((result, failure) -> finished(event, result));
    }

    private static String keyOf(StoredEvent event) {
        String key = EventAttributes.get(event.event(), "partitionkey");
        return key == null ? NO_KEY : key;
    }

    private void finished(StoredEvent event, DeliveryResult result) {
        metrics.delivery(trigger.key(), result.outcome());
        // The slot (and, ordered, the key) is free now; the event counts as done for progress only
        // once its record is committed, so progress never runs ahead of the records.
        release(event);
        DeliveryRecord record = new DeliveryRecord(trigger.key(), event.seq(), result.outcome(), result.attempts(),
                result.statusCode(), result.detail(), result.startedMs(), System.currentTimeMillis());
        record(event, record, RECORD_RETRY_MIN_MS);
    }

    /**
     * Writes the delivery record, trying again while the log refuses it: until it is committed the
     * event holds back the trigger's progress, so giving up would leave the lag stuck until a restart.
     */
    private void record(StoredEvent event, DeliveryRecord record, long retryDelayMs) {
        log.record(record).whenComplete((ok, failure) -> {
            if (failure != null) {
                synchronized (this) {
                    if (stopped) {
                        return; // after a restart the event is delivered again: at-least-once
                    }
                }
                LOG.warnf("trigger %s: could not record delivery of event %s (%s); trying again in %d ms",
                        trigger.key(), event.event().getId(), failure.getMessage(), retryDelayMs);
                try {
                    reader.schedule(() -> record(event, record, Math.min(retryDelayMs * 2, RECORD_RETRY_MAX_MS)),
                            retryDelayMs, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    LOG.debugf("trigger %s: stopping, delivery of %s not recorded", trigger.key(),
                            event.event().getId());
                }
                return;
            }
            synchronized (this) {
                open.remove(event.seq());
            }
        });
    }

    private void release(StoredEvent event) {
        List<StoredEvent> start;
        synchronized (this) {
            inFlight--;
            if (ordered) {
                String key = keyOf(event);
                busyKeys.remove(key);
                ArrayDeque<StoredEvent> queue = byKey.get(key);
                if (queue != null && !queue.isEmpty()) {
                    readyKeys.add(key);
                } else {
                    byKey.remove(key);
                }
            }
            if (!live && buffered < maxBuffered / 2) {
                scheduleRead(0);
            }
            start = startable();
        }
        start(start);
    }

    private void scheduleRead(long delayMs) {
        if (reading || stopped || buffered >= maxBuffered) {
            return;
        }
        reading = true;
        reader.schedule(this::readPage, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Reads the next page of the log (on the reader thread). */
    private void readPage() {
        long from;
        synchronized (this) {
            from = scanned;
        }
        List<StoredEvent> page;
        Set<Long> recorded;
        try {
            page = log.readAfter(from, PAGE);
            recorded = page.isEmpty() ? Set.of()
                    : log.recordedSeqs(trigger.key(), from, page.get(page.size() - 1).seq());
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "trigger %s: reading the log failed, retrying", trigger.key());
            synchronized (this) {
                reading = false;
                scheduleRead(1000);
            }
            return;
        }
        List<StoredEvent> start;
        synchronized (this) {
            reading = false;
            for (StoredEvent event : page) {
                if (event.seq() != scanned + 1) {
                    break;
                }
                if (recorded.contains(event.seq())) {
                    scanned = event.seq(); // delivered before the restart
                } else {
                    offer(event);
                }
            }
            if (page.size() < PAGE && scanned >= headKnown) {
                live = true;
            } else {
                scheduleRead(0);
            }
            start = startable();
        }
        start(start);
    }
}

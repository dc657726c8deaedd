package io.ripple.devbroker.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ripple.devbroker.log.DeliveryOutcome;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The broker's Micrometer meters, scraped at {@code /q/metrics} under the names of Ripple's
 * metrics contract (infra/observability {@code MetricsContract}; the dashboard and alerts query
 * exactly these): {@code ripple_broker_ingress_total{broker,code}},
 * {@code ripple_broker_ingress_seconds{broker}}, {@code ripple_broker_deliveries_total{trigger,outcome}},
 * {@code ripple_broker_dead_letters_total{trigger}} and {@code ripple_broker_trigger_lag{trigger}}.
 *
 * <p>Labels carry resource names, not {@code namespace/name} keys: Prometheus already puts its
 * own {@code namespace} label on every scraped series, and the alerts group by the bare name.
 */
public final class BrokerMetrics {

    /** {@code outcome} label of an attempt that failed and will be tried again. */
    public static final String RETRIED = "retried";

    private final MeterRegistry registry;
    // Meters are looked up per event: nested maps keyed by the tag values avoid building a key string.
    private final ConcurrentMap<String, ConcurrentMap<Integer, Counter>> ingressCounters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> ingressTimers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, Counter>> deliveryCounters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> deadLetterCounters = new ConcurrentHashMap<>();

    public BrokerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One ingress request to {@code brokerKey} ({@code namespace/name}) answered with {@code status} after {@code nanos}. */
    public void ingress(String brokerKey, int status, long nanos) {
        ingressCounters.computeIfAbsent(brokerKey, b -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, code -> Counter.builder("ripple.broker.ingress")
                        .description("Ingress requests by broker and status code")
                        .tag("broker", nameOf(brokerKey)).tag("code", Integer.toString(code))
                        .register(registry)).increment();
        // Prometheus renders a timer with its base unit appended unless the name already ends with it.
        ingressTimers.computeIfAbsent(brokerKey, b -> Timer.builder("ripple.broker.ingress.seconds")
                .description("Time from request to answer at ingress, including the durable write")
                .tag("broker", nameOf(brokerKey)).publishPercentileHistogram().register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One finished delivery of an event to the trigger {@code triggerKey} ({@code namespace/name}). */
    public void delivery(String triggerKey, DeliveryOutcome outcome) {
        deliveryCounter(triggerKey, outcomeLabel(outcome)).increment();
        if (outcome == DeliveryOutcome.DEAD_LETTERED || outcome == DeliveryOutcome.DEAD_LETTER_STORED) {
            deadLetterCounters.computeIfAbsent(triggerKey, t -> Counter.builder("ripple.broker.dead.letters")
                    .description("Events given up on: sent to the dead letter sink or kept in the dead-letter store")
                    .tag("trigger", nameOf(triggerKey)).register(registry)).increment();
        }
    }

    /** One delivery attempt that failed and will be retried. */
    public void retry(String triggerKey) {
        deliveryCounter(triggerKey, RETRIED).increment();
    }

    /** Registers the lag gauge of {@code triggerKey}: events accepted but not yet done for it. */
    public void lag(String triggerKey, Supplier<Number> lag) {
        Gauge.builder("ripple.broker.trigger.lag", lag)
                .description("Events in the log not yet delivered (or dead-lettered) to the trigger")
                .tag("trigger", nameOf(triggerKey)).register(registry);
    }

    /**
     * The contract's outcome of a finished delivery: a replay that succeeds is a delivery, one
     * that fails again leaves the event where it was ({@code failed}).
     */
    static String outcomeLabel(DeliveryOutcome outcome) {
        return switch (outcome) {
            case DELIVERED, REPLAYED -> "delivered";
            case DEAD_LETTERED, DEAD_LETTER_STORED -> "dead_lettered";
            case REPLAY_FAILED -> "failed";
        };
    }

    private Counter deliveryCounter(String triggerKey, String outcome) {
        return deliveryCounters.computeIfAbsent(triggerKey, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> Counter.builder("ripple.broker.deliveries")
                        .description("Delivery attempts by trigger and outcome")
                        .tag("trigger", nameOf(triggerKey)).tag("outcome", outcome).register(registry));
    }

    private static String nameOf(String key) {
        return key.substring(key.indexOf('/') + 1);
    }
}

package io.ripple.devbroker.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The broker's Micrometer meters (scraped at {@code /q/metrics}): ingress requests and latency,
 * deliveries by outcome, lag per trigger.
 */
public final class BrokerMetrics {

    private final MeterRegistry registry;
    // Meters are looked up per event: nested maps keyed by the tag values avoid building a key string.
    private final ConcurrentMap<String, ConcurrentMap<Integer, Counter>> ingressCounters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> ingressTimers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, Counter>> deliveryCounters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> retryCounters = new ConcurrentHashMap<>();

    public BrokerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One ingress request answered with {@code status} after {@code nanos}. */
    public void ingress(String broker, int status, long nanos) {
        ingressCounters.computeIfAbsent(broker, b -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, code -> Counter.builder("ripple.broker.ingress.requests")
                        .description("Ingress requests by broker and status code")
                        .tag("broker", broker).tag("code", Integer.toString(code)).register(registry)).increment();
        ingressTimers.computeIfAbsent(broker, b -> Timer.builder("ripple.broker.ingress.latency")
                .description("Time from request to answer at ingress, including the durable write")
                .tag("broker", broker).publishPercentiles(0.5, 0.99).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One finished delivery of an event to {@code trigger}. */
    public void delivery(String trigger, String outcome) {
        deliveryCounters.computeIfAbsent(trigger, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> Counter.builder("ripple.broker.deliveries")
                        .description("Finished deliveries by trigger and outcome")
                        .tag("trigger", trigger).tag("outcome", outcome).register(registry)).increment();
    }

    /** One delivery attempt that failed and will be retried. */
    public void retry(String trigger) {
        retryCounters.computeIfAbsent(trigger, t -> Counter.builder("ripple.broker.delivery.retries")
                .description("Delivery attempts that failed and were retried")
                .tag("trigger", trigger).register(registry)).increment();
    }

    /** Registers the lag gauge of {@code trigger}: events accepted but not yet done for it. */
    public void lag(String trigger, Supplier<Number> lag) {
        Gauge.builder("ripple.broker.trigger.lag", lag)
                .description("Events in the log not yet delivered (or dead-lettered) to the trigger")
                .tag("trigger", trigger).register(registry);
    }
}

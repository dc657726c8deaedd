package io.ripple.devbroker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the dev broker ({@code ripple.broker.*}). These names are relied on by
 * scripts and {@code ripple up}: keep them stable.
 */
@ConfigMapping(prefix = "ripple.broker")
public interface BrokerConfig {

    /** Directory with the Knative manifests (Broker, Trigger, Service). */
    @WithDefault("knative/base")
    String manifests();

    /** Directory of the durable log (SQLite file {@code broker.db}). */
    @WithName("data-dir")
    @WithDefault(".ripple/broker")
    String dataDir();

    /** Knative Service name to base URL, used for subscriber and dead-letter-sink refs. */
    Map<String, String> services();

    /** Largest accepted request body at ingress, in bytes (413 above). */
    @WithName("max-event-size")
    @WithDefault("262144")
    int maxEventSize();

    /** {@code knativebrokerttl} given to events that arrive without one. */
    @WithName("default-ttl")
    @WithDefault("255")
    int defaultTtl();

    /**
     * {@code true}: every commit is fsynced (survives power loss); {@code false}: WAL with
     * synchronous=NORMAL (survives a killed process, not a power cut).
     */
    @WithDefault("true")
    boolean fsync();

    /**
     * How long a write of the durable log waits for a lock held by another connection to the
     * same SQLite file before it fails (ingress then answers 503; a delivery whose reply could
     * not be stored is retried).
     */
    @WithName("log-busy-timeout")
    @WithDefault("PT10S")
    Duration logBusyTimeout();

    /** Delivery tuning. */
    Delivery delivery();

    /** Optional bearer tokens for ingress. No client configured = no authentication. */
    Map<String, Client> auth();

    /** Delivery tuning that manifests do not express. */
    interface Delivery {
        /** Deliveries in flight per trigger (ordered: keys in flight). */
        @WithName("max-concurrency")
        @WithDefault("64")
        int maxConcurrency();

        /** Events held in memory per trigger before it reads from the log instead. */
        @WithName("max-buffered")
        @WithDefault("10000")
        int maxBuffered();

        /** Per-attempt timeout when neither trigger nor broker sets {@code delivery.timeout}. */
        @WithName("default-timeout")
        @WithDefault("PT60S")
        Duration defaultTimeout();

        /** Backoff delay when {@code retry} is set without {@code backoffDelay}. */
        @WithName("default-backoff-delay")
        @WithDefault("PT0.2S")
        Duration defaultBackoffDelay();
    }

    /** One ingress client: its bearer token and the brokers it may post to. */
    interface Client {
        /** The bearer token value. */
        String token();

        /** {@code <namespace>/<broker>} names, or {@code *} for every broker. */
        @WithDefault("*")
        List<String> brokers();
    }
}

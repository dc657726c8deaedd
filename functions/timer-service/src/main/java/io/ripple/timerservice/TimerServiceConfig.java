package io.ripple.timerservice;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The {@code ripple.timers.*} settings of the timer service. */
@ConfigMapping(prefix = "ripple.timers")
public interface TimerServiceConfig {

    /** Where due commands go: the broker ingress; {@code K_SINK} by default. */
    Optional<String> sink();

    /** How often the stores are asked for due timers. */
    @WithDefault("1s")
    Duration pollInterval();

    /** The most timers claimed from one store per poll. */
    @WithDefault("100")
    int batchSize();

    /**
     * How long a claimed timer is reserved for this service: a service that dies while
     * sending leaves it to be sent again after this.
     */
    @WithDefault("30s")
    Duration lease();

    /** How long after a failed send the next one is tried at most (backoff doubles up to this). */
    @WithDefault("5m")
    Duration maxRetryDelay();

    /** Fired and cancelled timers are deleted after this. */
    @WithDefault("7d")
    Duration retention();

    /** How long one POST to the sink may take. */
    @WithDefault("10s")
    Duration sendTimeout();

    /**
     * The folder of the actors' SQLite stores ({@code <actor-type>.db}), watched when
     * {@code ripple.store.url} is not a PostgreSQL URL.
     */
    @WithDefault(".ripple/data")
    String sqliteFolder();
}

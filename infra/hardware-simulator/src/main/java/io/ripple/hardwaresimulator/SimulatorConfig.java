package io.ripple.hardwaresimulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** {@code ripple.simulator.*}: how the simulated hardware behaves. */
@ConfigMapping(prefix = "ripple.simulator")
public interface SimulatorConfig {

    /** Share of brews that fail, from 0 (never) to 1 (always). */
    @WithDefault("0.1")
    double failureRate();

    /** How long a brew takes before the hardware reports it (ISO-8601, e.g. PT3S). */
    @WithDefault("PT3S")
    Duration brewDuration();

    /** Makes outcomes reproducible: the same seed and brew give the same outcome. Random if unset. */
    OptionalLong seed();

    /** Machines whose hardware never answers, to simulate a dead machine. */
    Optional<Set<String>> silentMachines();

    /** Where finish-brewing events are POSTed: the broker ingress ({@code K_SINK}). */
    Optional<String> sink();

    /** First wait before re-sending a finish the sink refused; doubles on every refusal. */
    @WithDefault("PT0.5S")
    Duration retryDelay();

    /** Longest wait between two sends of the same finish. */
    @WithDefault("PT30S")
    Duration maxRetryDelay();
}

package io.ripple.hardwaresimulator;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Set;
import org.jboss.logging.Logger;

/** Builds the hardware's behaviour from its configuration at startup, so a bad value stops it at once. */
public class SimulatorSetup {

    private static final Logger LOG = Logger.getLogger(SimulatorSetup.class);

    @Produces
    @Singleton
    @Startup
    HardwareOutcomes outcomes(SimulatorConfig config) {
        long seed = config.seed().orElseGet(() -> new SecureRandom().nextLong());
        HardwareOutcomes outcomes = new HardwareOutcomes(config.failureRate(), seed);
        LOG.infof("simulated hardware: failure rate %s, brews take %s, seed %d, silent machines %s, sink %s",
                config.failureRate(), config.brewDuration(), seed, config.silentMachines().orElse(Set.of()),
                config.sink().orElse("(none)"));
        return outcomes;
    }
}

package io.ripple.hardwaresimulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Decides how a brew ends, from the seed and the brew's CloudEvent id alone: the same brew
 * always ends the same way (a redelivered {@code brew-started} gets the same answer), and a
 * seed makes a whole run reproducible whatever order the brews arrive in.
 */
public final class HardwareOutcomes {

    /** What the hardware reports. */
    public record Outcome(String outcome, String reason) {
        public boolean ok() {
            return "ok".equals(outcome);
        }
    }

    static final List<String> FAILURES = List.of("water tank empty", "grinder jammed", "milk frother clogged",
            "pressure too low");

    private final double failureRate;
    private final long seed;

    /**
     * @param failureRate share of brews that fail, 0 to 1
     * @param seed        the run's seed
     */
    public HardwareOutcomes(double failureRate, long seed) {
        if (!(failureRate >= 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("ripple.simulator.failure-rate must be between 0 and 1, not "
                    + failureRate);
        }
        this.failureRate = failureRate;
        this.seed = seed;
    }

    /** How the brew announced by the CloudEvent {@code brewId} ends. */
    public Outcome outcomeOf(String brewId) {
        long brew = UUID.nameUUIDFromBytes(brewId.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        SplittableRandom random = new SplittableRandom(seed ^ brew);
        if (random.nextDouble() < failureRate) {
            return new Outcome("failed", FAILURES.get(random.nextInt(FAILURES.size())));
        }
        return new Outcome("ok", null);
    }
}

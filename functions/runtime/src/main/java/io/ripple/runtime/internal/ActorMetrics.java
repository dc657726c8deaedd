package io.ripple.runtime.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The metrics every actor function exposes at {@code /q/metrics} (names are a contract with
 * the dashboards and alerts in {@code infra/observability}):
 * {@code ripple_commands_total{actor,type,outcome}},
 * {@code ripple_command_step_seconds{actor,step}} (histogram),
 * {@code ripple_append_conflicts_total{actor}} and {@code ripple_publish_failures_total{actor}}.
 */
public final class ActorMetrics implements ProcessingSteps {

    /** Outcomes beyond {@link ProcessingOutcome}: refused at the edge, or failed (5xx). */
    public static final String INVALID = "invalid";
    public static final String FAILED = "failed";

    private final MeterRegistry registry;
    private final String actor;
    private final Map<String, Timer> steps = new ConcurrentHashMap<>();
    private final Map<String, Counter> commands = new ConcurrentHashMap<>();
    private final Counter conflicts;
    private final Counter publishFailures;

    public ActorMetrics(MeterRegistry registry, String actor) {
        this.registry = registry;
        this.actor = actor;
        this.conflicts = Counter.builder("ripple.append.conflicts").description("appends that lost a race")
                .tag("actor", actor).register(registry);
        this.publishFailures = Counter.builder("ripple.publish.failures")
                .description("commands whose events the broker did not accept").tag("actor", actor).register(registry);
    }

    /**
     * Registers the step timers before the first command: each is a percentile histogram whose
     * buckets take a few milliseconds to set up, and a meter that exists from the start reads as
     * zero on dashboards instead of being absent.
     */
    public void registerSteps() {
        for (String step : ALL) {
            stepTimer(step);
        }
    }

    @Override
    public <T> T step(String name, Supplier<T> body) {
        return stepTimer(name).record(body);
    }

    private Timer stepTimer(String name) {
        return steps.computeIfAbsent(name, step -> Timer.builder("ripple.command.step")
                .description("time spent in one step of processing a command")
                .tag("actor", actor).tag("step", step).publishPercentileHistogram().register(registry));
    }

    /** Counts a command by type and outcome. */
    public void commandProcessed(String type, String outcome) {
        commands.computeIfAbsent(type + '\n' + outcome, key -> Counter.builder("ripple.commands")
                .description("commands received, by type and outcome").tag("actor", actor).tag("type", type)
                .tag("outcome", outcome).register(registry)).increment();
    }

    public void commandProcessed(String type, ProcessingOutcome outcome) {
        commandProcessed(type, outcome.name().toLowerCase(Locale.ROOT));
    }

    public void conflicts(int count) {
        if (count > 0) {
            conflicts.increment(count);
        }
    }

    public void publishFailed() {
        publishFailures.increment();
    }

    /** A timer sample for an asynchronous step (publishing). */
    public Timer.Sample startStep() {
        return Timer.start(registry);
    }

    public void stopStep(Timer.Sample sample, String name) {
        sample.stop(stepTimer(name));
    }
}

package io.ripple.supervisor;

import io.ripple.runtime.ActorDefinition;
import io.ripple.runtime.Decider;
import io.ripple.runtime.EventMetadata;
import io.ripple.runtime.MessageType;
import io.ripple.runtime.Routed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The supervisor: watches failures, timeouts and dead letters and heals the shop by its
 * {@link Policy policies}, which are data. It emits requests (retry an order, reset a
 * machine, take it out of rotation, put it back) that other actors react to, and alerts.
 *
 * <p>Every event it watches is first reduced to an {@link Observe observation}: its type,
 * time and a flat map of named <em>facts</em> ({@code machine}, {@code order},
 * {@code outcome}, ...). {@link #OBSERVABLE} lists the types it can read and the facts each
 * provides; policies refer to nothing else, which {@link PolicyFile} checks at startup.
 * A policy counts its matches per key in a sliding window measured with the events' own
 * times (deciders have no clock); each match is recorded as {@code policy-applied}, so the
 * counters survive restarts like any state.
 */
public final class Supervisor implements Decider<Supervisor.Command, Supervisor.Event, Supervisor.State> {

    /** The actor type: Knative Service name, Trigger name and mailbox prefix. */
    public static final String ACTOR = "supervisor";

    /** The id of the one supervisor of the shop. */
    public static final String SHOP = "shop";

    static final String BREWING_FINISHED = "coffee.machine.brewing-finished";
    static final String BREWING_TIMED_OUT = "coffee.machine.brewing-timed-out";
    static final String MACHINE_COMMAND_REJECTED = "coffee.machine.command-rejected";
    static final String MACHINE_INITIALIZED = "coffee.machine.initialization-completed";
    static final String ORDER_FAILED = "coffee.order.failed";
    static final String DEAD_LETTER = "coffee.supervisor.report-dead-letter";

    static final String ORDER_RETRY = "coffee.supervisor.order-retry-requested";
    static final String ORDER_GIVEN_UP = "coffee.supervisor.order-given-up";
    static final String MACHINE_RESET = "coffee.supervisor.machine-reset-requested";
    static final String MACHINE_TAKEN_OUT = "coffee.supervisor.machine-taken-out";
    static final String MACHINE_PUT_BACK = "coffee.supervisor.machine-put-back";
    static final String ALERT = "coffee.supervisor.alert-raised";

    /** The event types a policy may match, with the facts each one provides. */
    public static final Map<String, Set<String>> OBSERVABLE = Map.of(
            BREWING_FINISHED, Set.of("subject", "machine", "order", "recipe", "outcome", "reason"),
            BREWING_TIMED_OUT, Set.of("subject", "machine", "order", "recipe", "reason"),
            MACHINE_COMMAND_REJECTED, Set.of("subject", "machine", "commandType", "reason"),
            MACHINE_INITIALIZED, Set.of("subject", "machine"),
            ORDER_FAILED, Set.of("subject", "order", "reason"),
            DEAD_LETTER, Set.of("subject", "eventId", "eventType", "trigger", "statusCode", "reason"));

    /** The event types a policy may emit, with the facts the matched event must provide for each. */
    public static final Map<String, Set<String>> FACTS_NEEDED = Map.of(
            ORDER_RETRY, Set.of("order", "recipe"),
            ORDER_GIVEN_UP, Set.of("order"),
            MACHINE_RESET, Set.of("machine"),
            MACHINE_TAKEN_OUT, Set.of("machine"),
            MACHINE_PUT_BACK, Set.of("machine"),
            ALERT, Set.of());

    /**
     * The supervisor's vocabulary with no policy: what it consumes and emits does not depend
     * on the policies, so the build-time descriptor ({@code META-INF/ripple/actor.json}) is
     * written from this. The running function uses {@link #definition(List)}.
     */
    public static final ActorDefinition<Command, Event, State> VOCABULARY = definition(List.of());

    private final List<Policy> policies;

    public Supervisor(List<Policy> policies) {
        this.policies = List.copyOf(policies);
    }

    /** The supervisor applying these policies, in their order. */
    public static ActorDefinition<Command, Event, State> definition(List<Policy> policies) {
        Supervisor supervisor = new Supervisor(policies);
        return ActorDefinition.builder(ACTOR, supervisor)
                .commands(ReportDeadLetter.class)
                // Triggers dead-letter to the supervisor's Service; the runtime turns each into this command.
                .deadLetters(ReportDeadLetter.class, SHOP)
                .events(PolicyApplied.class, OrderRetryRequested.class, OrderGivenUp.class,
                        MachineResetRequested.class, MachineTakenOut.class, MachinePutBack.class, AlertRaised.class)
                .reactsTo(BrewingFinished.class, (finished, meta) -> supervisor.route(observe(BREWING_FINISHED, meta,
                        "machine", meta.subject(), "order", finished.order(), "recipe", finished.recipe(),
                        "outcome", finished.outcome(), "reason", finished.reason())))
                .reactsTo(BrewingTimedOut.class, (timedOut, meta) -> supervisor.route(observe(BREWING_TIMED_OUT,
                        meta, "machine", meta.subject(), "order", timedOut.order(), "recipe", timedOut.recipe(),
                        "reason", timedOut.reason())))
                .reactsTo(MachineCommandRejected.class, (rejected, meta) -> supervisor.route(observe(
                        MACHINE_COMMAND_REJECTED, meta, "machine", meta.subject(),
                        "commandType", rejected.commandType(), "reason", rejected.reason())))
                .reactsTo(MachineInitialized.class, (initialized, meta) -> supervisor.route(observe(
                        MACHINE_INITIALIZED, meta, "machine", meta.subject())))
                .reactsTo(OrderFailed.class, (failed, meta) -> supervisor.route(observe(ORDER_FAILED, meta,
                        "order", meta.subject(), "reason", failed.reason())))
                .build();
    }

    /** The policies this supervisor applies. */
    public List<Policy> policies() {
        return policies;
    }

    // ---- commands -------------------------------------------------------------------

    public sealed interface Command permits Observe, ReportDeadLetter {
    }

    /**
     * What the supervisor makes of an event it watches. Not a wire command: reactions
     * produce it, never a CloudEvent.
     *
     * @param type    the observed CloudEvent type
     * @param subject its subject (the emitting actor's id)
     * @param at      when it happened (its {@code time}); null if it did not say
     * @param facts   named facts from its data and envelope; absent facts are not in the map
     */
    public record Observe(String type, String subject, Instant at, Map<String, String> facts) implements Command {
        public Observe {
            facts = Collections.unmodifiableMap(new TreeMap<>(facts));
        }

        String fact(String name) {
            return facts.get(name);
        }
    }

    /**
     * A delivery the broker gave up on: what the runtime makes of a dead letter sent to the
     * supervisor's Service (a Trigger's {@code deadLetterSink}), or reported by an operator.
     */
    @MessageType("coffee.supervisor.report-dead-letter")
    public record ReportDeadLetter(String eventId, String eventType, String eventSubject, String trigger,
            Integer statusCode, String reason, Instant at) implements Command {
        public ReportDeadLetter {
            if (eventType == null || eventType.isBlank()) {
                throw new IllegalArgumentException("eventType is required");
            }
            if (at == null) {
                throw new IllegalArgumentException("at (when the event was dead-lettered) is required");
            }
        }
    }

    // ---- events ---------------------------------------------------------------------

    public sealed interface Event permits PolicyApplied, OrderRetryRequested, OrderGivenUp, MachineResetRequested,
            MachineTakenOut, MachinePutBack, AlertRaised {
    }

    /**
     * A policy matched an observed event: the record the limits are counted from, and the
     * answer to "why did the supervisor do that".
     *
     * @param window     the policy's window (ISO-8601) at the time, null without a limit
     * @param escalated  whether the limit was reached, so escalation was emitted instead of actions
     * @param occurrence the how-manieth match of this key within the window, this one included
     */
    @MessageType("coffee.supervisor.policy-applied")
    public record PolicyApplied(String policy, String key, String observed, String subject, Instant at,
            String window, boolean escalated, int occurrence) implements Event {
    }

    /** Brew the order again, on another machine than {@code machine}. */
    @MessageType("coffee.supervisor.order-retry-requested")
    public record OrderRetryRequested(String order, String recipe, String machine, int attempt, String policy,
            String reason) implements Event {
    }

    /** No more retries: the order fails and is refunded. */
    @MessageType("coffee.supervisor.order-given-up")
    public record OrderGivenUp(String order, String reason, String policy) implements Event {
    }

    /** Initialize the machine again. */
    @MessageType("coffee.supervisor.machine-reset-requested")
    public record MachineResetRequested(String machine, String reason, String policy) implements Event {
    }

    /** Give the machine no more orders. */
    @MessageType("coffee.supervisor.machine-taken-out")
    public record MachineTakenOut(String machine, String reason, String policy) implements Event {
    }

    /** Give the machine orders again. */
    @MessageType("coffee.supervisor.machine-put-back")
    public record MachinePutBack(String machine, String reason, String policy) implements Event {
    }

    /** For a human: something the policies could not heal, or that someone should know. */
    @MessageType("coffee.supervisor.alert-raised")
    public record AlertRaised(String policy, String observed, String subject, String key, String reason,
            int occurrence) implements Event {
    }

    // ---- other actors' events, as the supervisor reads them ------------------------

    @MessageType(BREWING_FINISHED)
    public record BrewingFinished(String recipe, String outcome, String reason, String order) {
    }

    @MessageType(BREWING_TIMED_OUT)
    public record BrewingTimedOut(String recipe, String order, String reason) {
    }

    @MessageType(MACHINE_COMMAND_REJECTED)
    public record MachineCommandRejected(String commandType, String reason) {
    }

    @MessageType(MACHINE_INITIALIZED)
    public record MachineInitialized() {
    }

    @MessageType(ORDER_FAILED)
    public record OrderFailed(String reason) {
    }

    /** Builds an observation from alternating fact names and values; null values are left out. */
    static Observe observe(String type, EventMetadata meta, String... namesAndValues) {
        Map<String, String> facts = new HashMap<>();
        if (meta.subject() != null) {
            facts.put("subject", meta.subject());
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                facts.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return new Observe(type, meta.subject(), meta.time() == null ? null : meta.time().toInstant(), facts);
    }

    /** Only events some policy applies to reach the supervisor's mailbox; the others change nothing. */
    Optional<Routed<Command>> route(Observe observed) {
        return policies.stream().anyMatch(policy -> policy.appliesTo(observed))
                ? Optional.of(new Routed<>(SHOP, observed)) : Optional.empty();
    }

    // ---- state ----------------------------------------------------------------------

    /**
     * Recent matches of one policy for one key.
     *
     * @param window the policy's window (ISO-8601) when last counted
     * @param times  when each match that got the policy's actions happened, oldest first;
     *               a null time (an event that did not say) never expires
     */
    public record Counter(String window, List<Instant> times) {
        public Counter {
            times = Collections.unmodifiableList(new ArrayList<>(times));
        }
    }

    /** @param counters by {@code <policy>/<key>} */
    public record State(Map<String, Counter> counters) {
        public State {
            counters = Collections.unmodifiableMap(new TreeMap<>(counters));
        }
    }

    @Override
    public State initialState() {
        return new State(Map.of());
    }

    // Java 17 has no pattern-matching switch: instanceof chains, and SupervisorTest checks
    // that every permitted subtype is handled.
    @Override
    public List<Event> decide(Command command, State state) {
        Observe observed;
        if (command instanceof Observe observe) {
            observed = observe;
        } else if (command instanceof ReportDeadLetter dead) {
            observed = deadLetter(dead);
        } else {
            throw new IllegalArgumentException("unhandled command " + command.getClass().getName());
        }
        List<Event> events = new ArrayList<>();
        for (Policy policy : policies) {
            if (policy.appliesTo(observed)) {
                events.addAll(apply(policy, observed, state));
            }
        }
        return events;
    }

    private static List<Event> apply(Policy policy, Observe observed, State state) {
        String key = observed.fact(policy.key());
        Policy.Limit limit = policy.limit();
        int recent = limit == null ? 0 : recentMatches(state.counters().get(policy.name() + "/" + key),
                limit.window(), observed.at());
        boolean escalated = limit != null && recent >= limit.max();
        int occurrence = recent + 1;
        List<Event> events = new ArrayList<>();
        events.add(new PolicyApplied(policy.name(), key, observed.type(), observed.subject(), observed.at(),
                limit == null ? null : limit.window().toString(), escalated, occurrence));
        String detail = observed.fact("reason") == null ? observed.type() : observed.fact("reason");
        String reason = escalated
                ? "limit of " + limit.max() + " per " + limit.window() + " reached (last: " + detail + ")"
                : detail;
        for (String action : escalated ? policy.escalation() : policy.actions()) {
            events.add(emit(action, policy, observed, key, reason, occurrence));
        }
        return events;
    }

    private static Event emit(String action, Policy policy, Observe observed, String key, String reason,
            int occurrence) {
        String name = policy.name();
        switch (action) {
            case ORDER_RETRY:
                return new OrderRetryRequested(observed.fact("order"), observed.fact("recipe"),
                        observed.fact("machine"), occurrence, name, reason);
            case ORDER_GIVEN_UP:
                return new OrderGivenUp(observed.fact("order"), reason, name);
            case MACHINE_RESET:
                return new MachineResetRequested(observed.fact("machine"), reason, name);
            case MACHINE_TAKEN_OUT:
                return new MachineTakenOut(observed.fact("machine"), reason, name);
            case MACHINE_PUT_BACK:
                return new MachinePutBack(observed.fact("machine"), reason, name);
            case ALERT:
                return new AlertRaised(name, observed.type(), observed.subject(), key, reason, occurrence);
            default:
                // PolicyFile refuses unknown actions; reaching this is a bug, not bad input.
                throw new IllegalStateException("policy " + name + " asks for unknown action " + action);
        }
    }

    /** How many of the counter's matches are within {@code window} before {@code now}. */
    private static int recentMatches(Counter counter, Duration window, Instant now) {
        if (counter == null) {
            return 0;
        }
        if (now == null) {
            return counter.times().size();
        }
        Instant since = now.minus(window);
        return (int) counter.times().stream().filter(time -> time == null || !time.isBefore(since)).count();
    }

    private static Observe deadLetter(ReportDeadLetter dead) {
        Map<String, String> facts = new LinkedHashMap<>();
        put(facts, "subject", dead.eventSubject());
        put(facts, "eventId", dead.eventId());
        put(facts, "eventType", dead.eventType());
        put(facts, "trigger", dead.trigger());
        put(facts, "statusCode", dead.statusCode() == null ? null : dead.statusCode().toString());
        put(facts, "reason", dead.reason());
        return new Observe(DEAD_LETTER, dead.eventSubject(), dead.at(), facts);
    }

    private static void put(Map<String, String> facts, String name, String value) {
        if (value != null) {
            facts.put(name, value);
        }
    }

    @Override
    public State evolve(State state, Event event) {
        if (event instanceof PolicyApplied applied) {
            Map<String, Counter> counters = expire(state.counters(), applied.at());
            if (!applied.escalated() && applied.window() != null) {
                String id = applied.policy() + "/" + applied.key();
                List<Instant> times = new ArrayList<>();
                Counter previous = counters.get(id);
                if (previous != null) {
                    times.addAll(previous.times());
                }
                times.add(applied.at());
                counters.put(id, new Counter(applied.window(), times));
            }
            return new State(counters);
        }
        if (event instanceof OrderRetryRequested || event instanceof OrderGivenUp
                || event instanceof MachineResetRequested || event instanceof MachineTakenOut
                || event instanceof MachinePutBack || event instanceof AlertRaised) {
            return state;
        }
        throw new IllegalArgumentException("unhandled event " + event.getClass().getName());
    }

    /** The counters without the matches that are out of their window at {@code now}, so state stays small. */
    private static Map<String, Counter> expire(Map<String, Counter> counters, Instant now) {
        Map<String, Counter> kept = new TreeMap<>();
        for (Map.Entry<String, Counter> entry : counters.entrySet()) {
            Counter counter = entry.getValue();
            List<Instant> times = counter.times();
            if (now != null) {
                Instant since = now.minus(Duration.parse(counter.window()));
                times = times.stream().filter(time -> time == null || !time.isBefore(since)).toList();
            }
            if (!times.isEmpty()) {
                kept.put(entry.getKey(), new Counter(counter.window(), times));
            }
        }
        return kept;
    }
}

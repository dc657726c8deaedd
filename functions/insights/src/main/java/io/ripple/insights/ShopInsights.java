package io.ripple.insights;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shop's statistics, computed from its event history alone — a pure function, so the
 * numbers can be checked by hand and recomputed after any restart.
 *
 * <p>Steps of an order, each measured between two events:
 * <ul>
 * <li>{@code queue-wait}: the barista queued the order → assigned it to a machine;</li>
 * <li>{@code dispatch}: assigned → the machine started brewing it;</li>
 * <li>{@code brew}: brewing started → finished or timed out (per machine: a machine brews
 *     one coffee at a time);</li>
 * <li>{@code order-to-completion}: the order was accepted → completed, retries included.</li>
 * </ul>
 *
 * @param events     events counted
 * @param machines   per machine id
 * @param steps      per step name
 * @param orders     how orders ended
 * @param supervisor supervisor events by type (without the {@code coffee.supervisor.} prefix)
 * @param policies   supervisor events by the policy that caused them
 */
public record ShopInsights(int events, Map<String, MachineInsights> machines, Map<String, Durations> steps,
        OrderInsights orders, Map<String, Long> supervisor, Map<String, Long> policies) {

    /**
     * @param brews          brews started
     * @param succeeded      brews finished ok
     * @param failed         brews finished failed
     * @param timedOut       brews whose hardware never reported
     * @param failureRate    (failed + timed out) / brews that ended; null before any ended
     * @param brewTime       from start to end of a brew, failures included
     * @param failureReasons why brews failed, by reason
     */
    public record MachineInsights(long brews, long succeeded, long failed, long timedOut, Double failureRate,
            Durations brewTime, Map<String, Long> failureReasons) {
    }

    /**
     * @param accepted          orders accepted
     * @param rejected          orders refused when placed
     * @param completed         orders served
     * @param failed            orders that failed (and were refunded)
     * @param retries           brews the supervisor asked to retry
     * @param timeToCompletion  from accepted to completed
     */
    public record OrderInsights(long accepted, long rejected, long completed, long failed, long retries,
            Durations timeToCompletion) {
    }

    private static final Map<String, Integer> STEP_ORDER = Map.of(
            "coffee.order.accepted", 0, "coffee.order.rejected", 0,
            "coffee.barista.order-queued", 1, "coffee.barista.order-assigned", 2,
            "coffee.machine.brew-started", 3, "coffee.machine.brewing-finished", 4,
            "coffee.machine.brewing-timed-out", 4, "coffee.order.completed", 6, "coffee.order.failed", 6);

    /** The statistics of these events, in any order (they are sorted by time first). */
    public static ShopInsights of(List<Fact> history) {
        List<Fact> facts = new ArrayList<>(history);
        // One decision's events share a time and may arrive in any order: equal times are put
        // in the order the flow produces them.
        facts.sort(Comparator.comparing(Fact::time).thenComparingInt(fact -> STEP_ORDER.getOrDefault(fact.type(), 5)));
        Map<String, MachineTally> machines = new TreeMap<>();
        Map<String, List<Duration>> steps = new LinkedHashMap<>();
        for (String step : List.of("queue-wait", "dispatch", "brew", "order-to-completion")) {
            steps.put(step, new ArrayList<>());
        }
        Map<String, Instant> queuedAt = new HashMap<>();
        Map<String, Instant> assignedAt = new HashMap<>();
        Map<String, Instant> acceptedAt = new HashMap<>();
        long accepted = 0;
        long rejected = 0;
        long completed = 0;
        long failedOrders = 0;
        long retries = 0;
        Map<String, Long> supervisor = new TreeMap<>();
        Map<String, Long> policies = new TreeMap<>();
        for (Fact fact : facts) {
            switch (fact.type()) {
                case "coffee.order.accepted" -> {
                    accepted++;
                    acceptedAt.put(fact.order(), fact.time());
                }
                case "coffee.order.rejected" -> rejected++;
                case "coffee.order.completed" -> {
                    completed++;
                    measure(steps.get("order-to-completion"), acceptedAt.remove(fact.order()), fact.time());
                }
                case "coffee.order.failed" -> {
                    failedOrders++;
                    acceptedAt.remove(fact.order());
                }
                case "coffee.barista.order-queued" -> queuedAt.put(fact.order(), fact.time());
                case "coffee.barista.order-assigned" -> {
                    measure(steps.get("queue-wait"), queuedAt.remove(fact.order()), fact.time());
                    assignedAt.put(fact.order() + "@" + fact.machine(), fact.time());
                }
                case "coffee.machine.brew-started" -> {
                    MachineTally machine = machines.computeIfAbsent(fact.machine(), m -> new MachineTally());
                    machine.brews++;
                    machine.started.addLast(fact.time());
                    if (fact.order() != null) {
                        measure(steps.get("dispatch"), assignedAt.remove(fact.order() + "@" + fact.machine()),
                                fact.time());
                    }
                }
                case "coffee.machine.brewing-finished", "coffee.machine.brewing-timed-out" -> {
                    MachineTally machine = machines.computeIfAbsent(fact.machine(), m -> new MachineTally());
                    Instant start = machine.started.pollLast();
                    Duration took = measure(steps.get("brew"), start, fact.time());
                    if (took != null) {
                        machine.brewTimes.add(took);
                    }
                    if (fact.type().endsWith("timed-out")) {
                        machine.timedOut++;
                        machine.reasons.merge("timed out", 1L, Long::sum);
                    } else if ("ok".equals(fact.outcome())) {
                        machine.succeeded++;
                    } else {
                        machine.failed++;
                        machine.reasons.merge(fact.reason() == null ? "unknown" : fact.reason(), 1L, Long::sum);
                    }
                }
                default -> {
                    if (fact.type().startsWith("coffee.supervisor.")) {
                        String action = fact.type().substring("coffee.supervisor.".length());
                        supervisor.merge(action, 1L, Long::sum);
                        if (fact.policy() != null) {
                            policies.merge(fact.policy(), 1L, Long::sum);
                        }
                        if (action.equals("order-retry-requested")) {
                            retries++;
                        }
                    }
                }
            }
        }
        Map<String, MachineInsights> perMachine = new TreeMap<>();
        machines.forEach((id, tally) -> perMachine.put(id, tally.insights()));
        Map<String, Durations> perStep = new LinkedHashMap<>();
        steps.forEach((step, measured) -> perStep.put(step, Durations.of(measured)));
        return new ShopInsights(facts.size(), perMachine, perStep, new OrderInsights(accepted, rejected, completed,
                failedOrders, retries, perStep.get("order-to-completion")), supervisor, policies);
    }

    private static Duration measure(List<Duration> step, Instant from, Instant to) {
        if (from == null || to.isBefore(from)) {
            return null;
        }
        Duration took = Duration.between(from, to);
        step.add(took);
        return took;
    }

    private static final class MachineTally {
        long brews;
        long succeeded;
        long failed;
        long timedOut;
        final Deque<Instant> started = new ArrayDeque<>();
        final List<Duration> brewTimes = new ArrayList<>();
        final Map<String, Long> reasons = new TreeMap<>();

        MachineInsights insights() {
            long ended = succeeded + failed + timedOut;
            Double rate = ended == 0 ? null : (double) (failed + timedOut) / ended;
            return new MachineInsights(brews, succeeded, failed, timedOut, rate, Durations.of(brewTimes), reasons);
        }
    }
}

package io.ripple.supervisor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One supervision policy, as read from the policy file: which observed events it matches,
 * per which fact it counts them, and what the supervisor emits for them — {@code actions}
 * for the first {@code limit.max} matches per key within {@code limit.window}, then
 * {@code escalation}. Pure data: {@link PolicyFile} builds it, {@link Supervisor} applies it.
 *
 * @param name       unique within the file; names the counter and appears in every event it causes
 * @param match      the events it applies to: any clause may match
 * @param key        the fact the limit counts per, e.g. {@code order} or {@code machine}
 * @param limit      at most this many matches get {@code actions}; null: no limit
 * @param actions    CloudEvent types the supervisor emits while under the limit
 * @param escalation CloudEvent types it emits once the limit is reached
 */
public record Policy(String name, List<Match> match, String key, Limit limit, List<String> actions,
        List<String> escalation) {

    public Policy {
        Objects.requireNonNull(name, "name");
        match = List.copyOf(match);
        Objects.requireNonNull(key, "key");
        actions = List.copyOf(actions);
        escalation = List.copyOf(escalation);
    }

    /**
     * A clause of a policy: an observed event type and conditions on its facts.
     *
     * @param type  the observed CloudEvent type
     * @param where fact name → value it must have (all must hold)
     */
    public record Match(String type, Map<String, String> where) {
        public Match {
            Objects.requireNonNull(type, "type");
            where = Map.copyOf(where);
        }

        boolean matches(Supervisor.Observe observed) {
            return type.equals(observed.type()) && where.entrySet().stream()
                    .allMatch(condition -> condition.getValue().equals(observed.facts().get(condition.getKey())));
        }
    }

    /**
     * @param max    matches per key that get the policy's actions; 0 escalates at once
     * @param window how far back matches count, measured with the events' own times
     */
    public record Limit(int max, Duration window) {
        public Limit {
            if (max < 0) {
                throw new IllegalArgumentException("max must not be negative");
            }
            if (window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be a positive duration");
            }
        }
    }

    /** Whether this policy applies to the observed event: a clause matches and every fact it needs is there. */
    boolean appliesTo(Supervisor.Observe observed) {
        if (match.stream().noneMatch(clause -> clause.matches(observed)) || observed.fact(key) == null) {
            return false;
        }
        return Stream.concat(actions.stream(), escalation.stream())
                .flatMap(action -> Supervisor.FACTS_NEEDED.getOrDefault(action, Set.of()).stream())
                .allMatch(fact -> observed.fact(fact) != null);
    }
}

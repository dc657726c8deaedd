package io.ripple.cli.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who emits and who consumes which CloudEvent types, and what is wrong with it: a type
 * consumed that nobody emits (and no outside system is declared to emit) is an error; a
 * type emitted that nobody consumes is a warning; a cycle between services is a warning.
 *
 * @param emits     service → the types it emits (from its actor descriptor)
 * @param consumes  service → the types its Trigger delivers to it (exact type filters)
 * @param prefixes  service → type prefixes its Trigger delivers (prefix filters)
 * @param external  types declared as coming from outside systems
 */
public record Topology(Map<String, Set<String>> emits, Map<String, Set<String>> consumes,
        Map<String, Set<String>> prefixes, Set<String> external) {

    /** A finding of {@link #check()}. */
    public record Finding(boolean error, String message) {
        @Override
        public String toString() {
            return (error ? "error: " : "warning: ") + message;
        }
    }

    /** An edge: {@code from} emits {@code type}, which {@code to} consumes. */
    public record Edge(String from, String type, String to) {
    }

    public List<Edge> edges() {
        List<Edge> edges = new ArrayList<>();
        emits.forEach((emitter, types) -> types.forEach(type -> consumersOf(type)
                .forEach(consumer -> edges.add(new Edge(emitter, type, consumer)))));
        return edges;
    }

    Set<String> consumersOf(String type) {
        Set<String> consumers = new LinkedHashSet<>();
        consumes.forEach((service, types) -> {
            if (types.contains(type)) {
                consumers.add(service);
            }
        });
        prefixes.forEach((service, list) -> {
            if (list.stream().anyMatch(type::startsWith)) {
                consumers.add(service);
            }
        });
        return consumers;
    }

    public List<Finding> check() {
        List<Finding> findings = new ArrayList<>();
        Set<String> emitted = new TreeSet<>();
        emits.values().forEach(emitted::addAll);
        consumes.forEach((service, types) -> types.stream().sorted().forEach(type -> {
            if (!emitted.contains(type) && !external.contains(type)) {
                findings.add(new Finding(true, service + " consumes " + type
                        + ", which no service emits and no outside system is declared to emit"
                        + " (declare it with the Trigger annotation ripple.dev/external-types)"));
            }
        }));
        emits.forEach((service, types) -> types.stream().sorted().forEach(type -> {
            if (consumersOf(type).isEmpty()) {
                findings.add(new Finding(false, service + " emits " + type + ", which nobody consumes"));
            }
        }));
        for (List<String> cycle : cycles()) {
            findings.add(new Finding(false, "cycle: " + String.join(" → ", cycle)));
        }
        return findings;
    }

    /** Each elementary cycle once, found by depth-first search from every service. */
    List<List<String>> cycles() {
        Map<String, Set<String>> next = new LinkedHashMap<>();
        for (Edge edge : edges()) {
            next.computeIfAbsent(edge.from(), k -> new TreeSet<>()).add(edge.to());
        }
        Set<String> seen = new LinkedHashSet<>();
        List<List<String>> cycles = new ArrayList<>();
        for (String start : new TreeSet<>(next.keySet())) {
            walk(start, start, next, new ArrayList<>(List.of(start)), seen, cycles);
        }
        return cycles;
    }

    private static void walk(String start, String at, Map<String, Set<String>> next, List<String> path, Set<String> seen,
            List<List<String>> cycles) {
        for (String to : next.getOrDefault(at, Set.of())) {
            if (to.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                String key = new TreeSet<>(path).toString();
                if (seen.add(key)) {
                    cycles.add(cycle);
                }
            } else if (!path.contains(to) && to.compareTo(start) > 0) {
                path.add(to);
                walk(start, to, next, path, seen, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}

package io.ripple.cli.trace;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders a chain as a tree by {@code causationid}: each event with its type, emitter,
 * subject, offset from the chain's start, and what each consumer did with it.
 */
public final class ChainTree {

    private ChainTree() {
    }

    /** The rendered tree, one line per event, and a summary line first. */
    public static List<String> render(String chain, List<TracedEvent> events) {
        if (events.isEmpty()) {
            return List.of("chain " + chain + ": no event (yet) with this correlationid");
        }
        List<TracedEvent> ordered = events.stream().sorted(Comparator.comparing(TracedEvent::arrival)).toList();
        Instant start = ordered.get(0).arrival();
        Instant end = ordered.stream().flatMap(e -> e.deliveries().stream().map(TracedEvent.Delivery::finished))
                .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder())
                .orElse(ordered.get(ordered.size() - 1).arrival());
        if (end.isBefore(ordered.get(ordered.size() - 1).arrival())) {
            end = ordered.get(ordered.size() - 1).arrival();
        }
        Set<String> ids = ordered.stream().map(TracedEvent::id).collect(Collectors.toSet());
        Map<String, List<TracedEvent>> children = new LinkedHashMap<>();
        List<TracedEvent> roots = new ArrayList<>();
        for (TracedEvent event : ordered) {
            if (event.causationId() == null || !ids.contains(event.causationId()) || event.causationId().equals(event.id())) {
                roots.add(event);
            } else {
                children.computeIfAbsent(event.causationId(), k -> new ArrayList<>()).add(event);
            }
        }
        List<String> lines = new ArrayList<>();
        long deadLettered = ordered.stream().flatMap(e -> e.deliveries().stream())
                .filter(d -> d.outcome().startsWith("dead-letter")).count();
        lines.add("chain " + chain + ": " + ordered.size() + " event(s) in " + millis(Duration.between(start, end))
                + (deadLettered > 0 ? ", " + deadLettered + " dead-lettered" : ""));
        for (int i = 0; i < roots.size(); i++) {
            append(lines, roots.get(i), children, start, "", i == roots.size() - 1);
        }
        return lines;
    }

    private static void append(List<String> lines, TracedEvent event, Map<String, List<TracedEvent>> children,
            Instant start, String indent, boolean last) {
        lines.add(indent + (last ? "└─ " : "├─ ") + describe(event, start));
        String inner = indent + (last ? "   " : "│  ");
        for (TracedEvent.Delivery delivery : event.deliveries()) {
            lines.add(inner + "  → " + delivery.trigger() + ": " + outcome(delivery));
        }
        List<TracedEvent> next = children.getOrDefault(event.id(), List.of());
        for (int i = 0; i < next.size(); i++) {
            append(lines, next.get(i), children, start, inner, i == next.size() - 1);
        }
    }

    private static String describe(TracedEvent event, Instant start) {
        return String.format("+%s %s  from %s%s", millis(Duration.between(start, event.arrival())), event.type(),
                actorOf(event.source()), event.subject() == null ? "" : "  subject " + event.subject());
    }

    /**
     * {@code /actors/<type>/<id>} reads as {@code <type>/<id>}, percent-encoding undone (an id may
     * hold spaces); other sources as they are.
     */
    static String actorOf(String source) {
        if (source == null || !source.startsWith("/actors/")) {
            return source;
        }
        String actor = source.substring("/actors/".length());
        try {
            String decoded = URI.create(actor).getPath();
            return decoded == null ? actor : decoded;
        } catch (IllegalArgumentException e) {
            return actor; // not a path Ripple encoded: shown as it came
        }
    }

    static String outcome(TracedEvent.Delivery delivery) {
        int retries = Math.max(0, delivery.attempts() - 1);
        String code = delivery.statusCode() == null ? "no answer" : "code " + delivery.statusCode();
        String retried = retries == 0 ? "" : ", retried " + retries + " time" + (retries == 1 ? "" : "s");
        return switch (delivery.outcome()) {
            case "delivered" -> "delivered" + retried;
            case "dead-lettered", "dead-letter-stored" -> "dead-lettered with " + code + retried;
            case "replayed" -> "delivered by replay";
            default -> delivery.outcome() + " (" + code + ")" + retried;
        };
    }

    private static String millis(Duration duration) {
        long ms = duration.toMillis();
        return ms < 10_000 ? ms + " ms" : String.format("%.1f s", ms / 1000.0);
    }
}

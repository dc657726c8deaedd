package io.ripple.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the event log says about the demo's orders: which ones ended and how, how often they
 * were retried, how many brews they took. Built from the devbroker's log entries
 * ({@code {seq, arrivalTime, event}}), so the figures are the shop's own, not the demo's.
 */
final class ShopRecord {

    /** One order as the log tells it. */
    static final class Order {
        final String id;
        final String chain;
        Instant placed;
        Instant ended;
        String outcome = "in flight";
        int retries;
        int brews;

        Order(String id, String chain) {
            this.id = id;
            this.chain = chain;
        }

        boolean terminal() {
            return ended != null;
        }

        boolean healed() {
            return "completed".equals(outcome) && retries > 0;
        }

        Duration duration() {
            return placed == null || ended == null ? null : Duration.between(placed, ended);
        }
    }

    private final Map<String, Order> orders = new HashMap<>();
    private final Map<String, Integer> brewsPerMachine = new TreeMap<>();
    private final Set<String> seen = new HashSet<>();

    ShopRecord(Map<String, String> chainsByOrder) {
        chainsByOrder.forEach((order, chain) -> orders.put(order, new Order(order, chain)));
    }

    /** Takes in log entries; an entry seen before (same seq) is ignored, so pages may overlap. */
    void add(Collection<JsonNode> entries) {
        for (JsonNode entry : entries) {
            if (!seen.add(entry.path("seq").asText())) {
                continue;
            }
            JsonNode event = entry.path("event");
            String type = event.path("type").asText();
            Instant arrival = Instant.parse(entry.path("arrivalTime").asText());
            String subject = event.path("subject").asText();
            switch (type) {
                case "coffee.order.place" -> ifOrder(subject, o -> o.placed = arrival);
                case "coffee.order.completed" -> ifOrder(subject, o -> end(o, "completed", arrival));
                case "coffee.order.failed" -> ifOrder(subject, o -> end(o, "failed", arrival));
                case "coffee.supervisor.order-retry-requested" -> ifOrder(data(event, "order"), o -> o.retries++);
                case "coffee.machine.brew-started" -> ifOrder(data(event, "order"), o -> {
                    o.brews++;
                    brewsPerMachine.merge(subject, 1, Integer::sum);
                });
                default -> { }
            }
        }
    }

    private static void end(Order order, String outcome, Instant at) {
        if (order.ended == null) {
            order.ended = at;
            order.outcome = outcome;
        }
    }

    private void ifOrder(String id, java.util.function.Consumer<Order> change) {
        Order order = id == null ? null : orders.get(id);
        if (order != null) {
            change.accept(order);
        }
    }

    private static String data(JsonNode event, String field) {
        JsonNode value = event.path("data").path(field);
        return value.isTextual() ? value.asText() : null;
    }

    /**
     * The log entries of one order's story, oldest first: its chain, every event naming it
     * (subject or {@code data.order}), and the hardware's and timers' answers to its brews.
     */
    static List<JsonNode> storyOf(Order order, List<JsonNode> log) {
        Set<String> ids = new HashSet<>();
        List<JsonNode> story = new ArrayList<>();
        for (JsonNode entry : log) {
            JsonNode event = entry.path("event");
            String type = event.path("type").asText();
            boolean answersABrew = (type.equals("coffee.machine.finish-brewing") || type.equals("coffee.machine.check-brewing"))
                    && ids.contains(event.path("causationid").asText());
            if (order.chain.equals(event.path("correlationid").asText()) || order.id.equals(event.path("subject").asText())
                    || order.id.equals(data(event, "order")) || answersABrew) {
                if (ids.add(event.path("id").asText())) {
                    story.add(entry);
                }
            }
        }
        return story;
    }

    List<Order> orders() {
        return new ArrayList<>(orders.values());
    }

    long count(String outcome) {
        return orders.values().stream().filter(o -> o.outcome.equals(outcome)).count();
    }

    long healed() {
        return orders.values().stream().filter(Order::healed).count();
    }

    long terminal() {
        return orders.values().stream().filter(Order::terminal).count();
    }

    /** Brews of the demo's orders (brew-started events naming one). */
    int brews() {
        return orders.values().stream().mapToInt(o -> o.brews).sum();
    }

    /** Nearest-rank percentile of the chain durations of the orders that ended, or null. */
    Duration chainDuration(double percentile) {
        List<Duration> durations = orders.values().stream().map(Order::duration).filter(d -> d != null).sorted().toList();
        if (durations.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * durations.size());
        return durations.get(Math.max(0, rank - 1));
    }
}

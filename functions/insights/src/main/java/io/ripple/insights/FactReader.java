package io.ripple.insights;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the facts the statistics need out of a coffee-shop CloudEvent. Which order and
 * machine an event concerns: its data's {@code order} / {@code machine}, else its subject
 * when the emitter is an order / a coffee machine (an actor's events carry its id as subject).
 */
final class FactReader {

    /** Every type the insights count; its Trigger must deliver these (others are acknowledged and ignored). */
    static final Set<String> COUNTED = Set.of(
            "coffee.order.accepted", "coffee.order.rejected", "coffee.order.completed", "coffee.order.failed",
            "coffee.barista.order-queued", "coffee.barista.order-assigned",
            "coffee.machine.brew-started", "coffee.machine.brewing-finished", "coffee.machine.brewing-timed-out",
            "coffee.supervisor.order-retry-requested", "coffee.supervisor.order-given-up",
            "coffee.supervisor.machine-reset-requested", "coffee.supervisor.machine-taken-out",
            "coffee.supervisor.machine-put-back", "coffee.supervisor.alert-raised");

    private FactReader() {
    }

    /** The fact of this event, or nothing if the insights do not count its type. */
    static Optional<Fact> read(String source, String id, String type, String subject, Instant time, JsonNode data) {
        if (!COUNTED.contains(type)) {
            return Optional.empty();
        }
        String order = text(data, "order");
        if (order == null && type.startsWith("coffee.order.")) {
            order = subject;
        }
        String machine = text(data, "machine");
        if (machine == null && type.startsWith("coffee.machine.")) {
            machine = subject;
        }
        return Optional.of(new Fact(source, id, type, subject, time, order, machine, text(data, "recipe"),
                text(data, "outcome"), text(data, "reason"), text(data, "policy")));
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data == null ? null : data.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

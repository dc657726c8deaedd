package io.ripple.cli.trace;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.cli.BrokerQueries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a chain (all events with one {@code correlationid}) and their deliveries from the broker. */
public final class ChainReader {

    private final BrokerQueries broker;

    public ChainReader(BrokerQueries broker) {
        this.broker = broker;
    }

    public List<TracedEvent> read(String correlationId) {
        return read(broker.events(Map.of("correlationid", correlationId), 0, 0));
    }

    /** These log entries ({@code {seq, arrivalTime, event}}) with their deliveries. */
    public List<TracedEvent> read(List<JsonNode> entries) {
        List<TracedEvent> chain = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode event = entry.path("event");
            String id = event.path("id").asText();
            List<TracedEvent.Delivery> deliveries = new ArrayList<>();
            for (JsonNode logged : broker.event(id).path("items")) {
                if (logged.path("seq").asLong() != entry.path("seq").asLong()) {
                    continue;
                }
                for (JsonNode delivery : logged.path("deliveries")) {
                    String trigger = delivery.path("trigger").asText();
                    deliveries.add(new TracedEvent.Delivery(trigger.substring(trigger.lastIndexOf('/') + 1),
                            delivery.path("outcome").asText(), delivery.path("attempts").asInt(),
                            delivery.path("statusCode").isNumber() ? delivery.path("statusCode").asInt() : null,
                            instant(delivery.path("finishedAt"))));
                }
            }
            chain.add(new TracedEvent(id, event.path("type").asText(), text(event, "source"), text(event, "subject"),
                    text(event, "causationid"), instant(entry.path("arrivalTime")), deliveries));
        }
        return chain;
    }

    private static String text(JsonNode event, String attribute) {
        JsonNode value = event.path(attribute);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode value) {
        return value.isTextual() ? Instant.parse(value.asText()) : null;
    }
}

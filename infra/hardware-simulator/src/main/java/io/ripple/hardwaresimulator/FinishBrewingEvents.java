package io.ripple.hardwaresimulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The {@code coffee.machine.finish-brewing} command the hardware sends for a
 * {@code coffee.machine.brew-started} event, per the wire contract: addressed to the machine
 * ({@code subject}, {@code partitionkey}), in the brew's chain ({@code correlationid}),
 * caused by the brew-started event ({@code causationid}), with an id derived from it so a
 * redelivered brew-started yields the very same command, which the machine then skips.
 */
final class FinishBrewingEvents {

    static final String BREW_STARTED = "coffee.machine.brew-started";
    static final String FINISH_BREWING = "coffee.machine.finish-brewing";

    private static final ObjectMapper JSON = new ObjectMapper();

    private FinishBrewingEvents() {
    }

    static CloudEvent finishOf(CloudEvent brewStarted, HardwareOutcomes.Outcome outcome, OffsetDateTime now) {
        String machine = brewStarted.getSubject();
        String chain = text(brewStarted.getExtension("correlationid"));
        ObjectNode data = JSON.createObjectNode().put("outcome", outcome.ok() ? "ok" : "failed");
        if (!outcome.ok()) {
            data.put("reason", outcome.reason());
        }
        // The report names the brew it answers, so the machine can tell it from a later brew's.
        String order = orderOf(brewStarted);
        if (order != null) {
            data.put("order", order);
        }
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(UUID.nameUUIDFromBytes(("finish-brewing:" + brewStarted.getId())
                        .getBytes(StandardCharsets.UTF_8)).toString())
                .withSource(URI.create("/hardware/coffee-machine/" + machine))
                .withType(FINISH_BREWING)
                .withSubject(machine)
                .withTime(now)
                .withDataContentType("application/json")
                .withData(bytes(data))
                .withExtension("partitionkey", "coffee-machine/" + machine)
                .withExtension("correlationid", chain == null ? brewStarted.getId() : chain)
                .withExtension("causationid", brewStarted.getId());
        String traceparent = text(brewStarted.getExtension("traceparent"));
        if (traceparent != null) {
            builder.withExtension("traceparent", traceparent);
        }
        return builder.build();
    }

    /** The order the brew-started event names, or null when it names none or its data is not JSON. */
    static String orderOf(CloudEvent brewStarted) {
        if (brewStarted.getData() == null) {
            return null;
        }
        try {
            JsonNode order = JSON.readTree(brewStarted.getData().toBytes()).path("order");
            return order.isTextual() && !order.asText().isBlank() ? order.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] bytes(ObjectNode data) {
        try {
            return JSON.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always encodes", e);
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}

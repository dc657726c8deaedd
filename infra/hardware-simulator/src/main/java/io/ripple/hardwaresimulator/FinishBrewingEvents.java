package io.ripple.hardwaresimulator;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
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

    private FinishBrewingEvents() {
    }

    static CloudEvent finishOf(CloudEvent brewStarted, HardwareOutcomes.Outcome outcome, OffsetDateTime now) {
        String machine = brewStarted.getSubject();
        String chain = text(brewStarted.getExtension("correlationid"));
        String data = outcome.ok() ? "{\"outcome\":\"ok\"}"
                : "{\"outcome\":\"failed\",\"reason\":\"" + outcome.reason() + "\"}";
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(UUID.nameUUIDFromBytes(("finish-brewing:" + brewStarted.getId())
                        .getBytes(StandardCharsets.UTF_8)).toString())
                .withSource(URI.create("/hardware/coffee-machine/" + machine))
                .withType(FINISH_BREWING)
                .withSubject(machine)
                .withTime(now)
                .withDataContentType("application/json")
                .withData(data.getBytes(StandardCharsets.UTF_8))
                .withExtension("partitionkey", "coffee-machine/" + machine)
                .withExtension("correlationid", chain == null ? brewStarted.getId() : chain)
                .withExtension("causationid", brewStarted.getId());
        String traceparent = text(brewStarted.getExtension("traceparent"));
        if (traceparent != null) {
            builder.withExtension("traceparent", traceparent);
        }
        return builder.build();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}

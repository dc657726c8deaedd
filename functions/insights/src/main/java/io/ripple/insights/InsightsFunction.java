package io.ripple.insights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Receives every coffee-shop event its Trigger delivers (binary or structured mode) and
 * stores the facts the statistics need. Answers {@code 204} once stored; an event of a type
 * it does not count is acknowledged and ignored; a malformed one is a {@code 400} problem.
 */
public class InsightsFunction {

    /** The exported function name ({@code quarkus.funqy.export}). */
    public static final String NAME = "insights";

    @Inject
    FactStore store;

    @Funq(NAME)
    public void insights(CloudEvent<JsonNode> event) {
        String id = required("id", event.id());
        String source = required("source", event.source());
        String type = required("type", event.type());
        JsonNode data;
        try {
            data = event.data();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() instanceof JsonProcessingException json ? json : e;
            throw new BadEvent("undecodable-data", "data of event " + id + " is not JSON: " + cause.getMessage());
        }
        Instant time;
        try {
            OffsetDateTime stamped = event.time();
            time = stamped == null ? Instant.now() : stamped.toInstant();
        } catch (RuntimeException e) {
            throw new BadEvent("invalid-attribute", "time of event " + id + " is not an RFC 3339 timestamp");
        }
        FactReader.read(source, id, type, event.subject(), time, data).ifPresent(store::add);
    }

    private static String required(String attribute, String value) {
        if (value == null || value.isBlank()) {
            throw new BadEvent("missing-attribute", "the CloudEvent has no '" + attribute
                    + "' attribute (CloudEvents 1.0 requires it)");
        }
        return value;
    }

    /** An event that can never be counted: the broker must not retry it. */
    static final class BadEvent extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String problem;

        BadEvent(String problem, String detail) {
            super(detail);
            this.problem = problem;
        }
    }
}

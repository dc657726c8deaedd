package io.ripple.runtime.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ripple.runtime.ActorDefinition;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Routes a dead letter to the actor that asked for them ({@link ActorDefinition#deadLetters()}).
 *
 * <p>Knative (and the devbroker) deliver a dead-lettered event to a {@code deadLetterSink}
 * Service with its original type, adding {@code knativeerrordest} (the subscriber that
 * failed), {@code knativeerrorcode} (its last HTTP status) and {@code knativeerrordata} (its
 * answer, base64 when the broker encoded it). Routing by type would send it to whatever
 * reaction the type has, or refuse it; the extension is what says "this is a dead letter".
 */
public final class DeadLetterRoute {

    /** Knative eventing: extension set on an event sent to a dead letter sink. */
    public static final String ERROR_DEST = "knativeerrordest";
    public static final String ERROR_CODE = "knativeerrorcode";
    public static final String ERROR_DATA = "knativeerrordata";
    private static final int MAX_REASON = 500;

    private DeadLetterRoute() {
    }

    /**
     * The dead-letter command for {@code incoming} if it is a dead letter and the actor takes
     * them, else {@code incoming} unchanged.
     *
     * @param extensions the CloudEvent's extension attributes as received
     * @param now        when the dead letter arrived (the command's {@code at} and {@code time})
     */
    public static IncomingCommand route(IncomingCommand incoming, Map<String, String> extensions,
            ActorDefinition<?, ?, ?> actor, OffsetDateTime now) {
        String destination = extensions.get(ERROR_DEST);
        if (destination == null || actor.deadLetters().isEmpty()) {
            return incoming;
        }
        ActorDefinition.DeadLetters deadLetters = actor.deadLetters().get();
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("eventId", incoming.id());
        data.put("eventType", incoming.type());
        data.put("eventSubject", incoming.subject());
        data.put("trigger", destination);
        Integer status = status(extensions.get(ERROR_CODE));
        if (status != null) {
            data.put("statusCode", status);
        }
        data.put("reason", reason(extensions.get(ERROR_DATA), status));
        data.put("at", now.toString());
        // One event may be dead-lettered by several triggers, and the actor may also have
        // consumed it normally: the command id names both the event and the failed destination,
        // so a redelivered dead letter is a duplicate but two different ones are not.
        String id = incoming.id() + "/dead-letter/" + destination;
        return new IncomingCommand(id, incoming.source(), deadLetters.commandType(), deadLetters.actorId(), now,
                incoming.correlationId(), incoming.traceparent(), incoming.tracestate(), data, null);
    }

    private static @Nullable Integer status(@Nullable String code) {
        if (code == null) {
            return null;
        }
        try {
            return Integer.valueOf(code.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The failed destination's answer: Knative sends it base64-encoded; plain text is kept as is. */
    private static String reason(@Nullable String errorData, @Nullable Integer status) {
        if (errorData == null || errorData.isBlank()) {
            return status == null ? "delivery failed" : "delivery failed with HTTP " + status;
        }
        String text;
        try {
            text = new String(Base64.getDecoder().decode(errorData.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            text = errorData;
        }
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
    }
}

package io.ripple.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.ripple.runtime.store.TimerChange;
import java.io.IOException;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A command CloudEvent as received, with its attributes checked but its data not yet
 * bound to a record. Independent of the HTTP binding that delivered it.
 *
 * <p>{@code timer} is the {@code rippletimer} extension: the name of the timer that sent
 * this command, if a timer did (see {@link io.ripple.runtime.ScheduleCommand}).
 */
public record IncomingCommand(
        String id,
        String source,
        String type,
        @Nullable String subject,
        @Nullable OffsetDateTime time,
        @Nullable String correlationId,
        @Nullable String traceparent,
        @Nullable String tracestate,
        @Nullable JsonNode data,
        @Nullable String timer) {

    /** A command that no timer sent. */
    public IncomingCommand(String id, String source, String type, @Nullable String subject,
            @Nullable OffsetDateTime time, @Nullable String correlationId, @Nullable String traceparent,
            @Nullable String tracestate, @Nullable JsonNode data) {
        this(id, source, type, subject, time, correlationId, traceparent, tracestate, data, null);
    }

    /** The chain this command belongs to: inherited, or started by this command. */
    public String chainId() {
        return correlationId != null && !correlationId.isBlank() ? correlationId : id;
    }

    /**
     * A command from a CloudEvent of the SDK (scenario files, timers, tools); the codec
     * applies the same checks as for one that came over HTTP.
     */
    public static IncomingCommand of(CloudEvent event, ObjectMapper mapper) {
        JsonNode data = null;
        if (event.getData() != null) {
            try {
                data = mapper.readTree(event.getData().toBytes());
            } catch (IOException e) {
                throw ProblemException.badCommand("undecodable-data", "Undecodable command data",
                        "data of command " + event.getId() + " is not JSON: " + e.getMessage());
            }
        }
        return new IncomingCommand(event.getId(), event.getSource().toString(), event.getType(), event.getSubject(),
                event.getTime(), text(event.getExtension(WireAttributes.CORRELATION_ID)),
                text(event.getExtension(WireAttributes.TRACEPARENT)), text(event.getExtension(WireAttributes.TRACESTATE)),
                data, text(event.getExtension(TimerChange.TIMER_EXTENSION)));
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null ? null : value.toString();
    }
}

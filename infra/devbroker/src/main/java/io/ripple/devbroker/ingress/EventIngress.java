package io.ripple.devbroker.ingress;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.ripple.devbroker.filter.EventAttributes;
import io.ripple.devbroker.log.CloudEventJson;
import io.ripple.devbroker.log.EventLog;
import io.ripple.devbroker.log.StoredEvent;
import io.ripple.devbroker.telemetry.TraceHeaders;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The one way into the log, shared by HTTP ingress and subscriber replies: validates the
 * event, stamps {@code knativearrivaltime}, enforces {@code knativebrokerttl} and keeps the
 * W3C trace context as the CloudEvents distributed-tracing extension.
 *
 * <p>With tracing on, each accepted event gets a server span (child of the producer's
 * context) and is stored carrying that span's context, so its deliveries are its children.
 */
public final class EventIngress {

    /** Extension Knative stamps on every event the broker accepts. */
    public static final String ARRIVAL_TIME = "knativearrivaltime";
    /** Extension Knative uses to stop reply loops. */
    public static final String TTL = "knativebrokerttl";

    private final EventLog log;
    private final int defaultTtl;
    private final TraceHeaders tracing;

    public EventIngress(EventLog log, int defaultTtl) {
        this(log, defaultTtl, new TraceHeaders(OpenTelemetry.noop().getTracer("ripple-devbroker")));
    }

    public EventIngress(EventLog log, int defaultTtl, TraceHeaders tracing) {
        this.log = log;
        this.defaultTtl = defaultTtl;
        this.tracing = tracing;
    }

    /**
     * Accepts an event sent to {@code broker}; the future completes once it is durable.
     *
     * @param traceparent the request's W3C {@code traceparent}, kept when the event has none
     * @throws InvalidEventException synchronously, for an event that must be answered with 400
     */
    public CompletableFuture<StoredEvent> accept(String broker, CloudEvent event, @Nullable String traceparent,
            @Nullable String tracestate) {
        validate(event);
        int ttl = ttlOf(event, defaultTtl);
        if (ttl <= 0) {
            throw new TtlExhaustedException(TTL + " is " + ttl + ": the event has been through the broker too"
                    + " many times (a reply loop?)");
        }
        // The producer's context: the request's header (the nearest hop), else the event's extension.
        Context parent = traceparent != null && !traceparent.isBlank() ? TraceHeaders.contextOf(traceparent, tracestate)
                : TraceHeaders.contextOf(event);
        Span span = tracing.startIngress("ingress", broker, event, parent);
        return store(broker, event, ttl, traceparent, tracestate, span);
    }

    /**
     * Accepts a subscriber's reply to {@code cause}: it inherits the cause's TTL minus one and,
     * when it has none, the cause's trace context.
     *
     * @throws InvalidEventException synchronously (an invalid reply, or the TTL is used up)
     */
    public CompletableFuture<StoredEvent> acceptReply(String broker, CloudEvent reply, CloudEvent cause,
            @Nullable String traceparent, @Nullable String tracestate) {
        return acceptReply(broker, reply, cause, traceparent, tracestate, Context.root());
    }

    /**
     * As {@link #acceptReply(String, CloudEvent, CloudEvent, String, String)}, tracing the
     * re-entry as a child of the subscriber's context, else of {@code delivery} (the delivery
     * attempt that got the reply).
     */
    public CompletableFuture<StoredEvent> acceptReply(String broker, CloudEvent reply, CloudEvent cause,
            @Nullable String traceparent, @Nullable String tracestate, Context delivery) {
        validate(reply);
        int ttl = ttlOf(cause, defaultTtl) - 1;
        if (ttl <= 0) {
            throw new TtlExhaustedException("reply " + reply.getId() + " dropped: " + TTL
                    + " exhausted (reply loop through the broker?)");
        }
        String parent = traceparent != null ? traceparent : EventAttributes.get(cause, "traceparent");
        String state = traceparent != null ? tracestate : EventAttributes.get(cause, "tracestate");
        Context spanParent = traceparent != null ? TraceHeaders.contextOf(traceparent, tracestate)
                : reply.getExtension("traceparent") != null ? TraceHeaders.contextOf(reply) : delivery;
        Span span = tracing.startIngress("reply", broker, reply, spanParent);
        return store(broker, reply, ttl, parent, state, span);
    }

    private CompletableFuture<StoredEvent> store(String broker, CloudEvent event, int ttl,
            @Nullable String traceparent, @Nullable String tracestate, Span span) {
        long now = System.currentTimeMillis();
        CloudEventBuilder builder = CloudEventBuilder.from(event)
                .withExtension(ARRIVAL_TIME, Instant.ofEpochMilli(now).toString())
                .withExtension(TTL, ttl);
        if (event.getExtension("traceparent") == null && traceparent != null && !traceparent.isBlank()) {
            builder.withExtension("traceparent", traceparent);
            if (tracestate != null && !tracestate.isBlank()) {
                builder.withExtension("tracestate", tracestate);
            }
        }
        CloudEvent accepted = TraceHeaders.carrying(builder.build(), span);
        CompletableFuture<StoredEvent> stored;
        try {
            stored = log.append(broker, accepted, CloudEventJson.serialize(accepted), now);
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            span.end();
            throw e;
        }
        return stored.whenComplete((ok, failure) -> {
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
            } else {
                span.setAttribute("ripple.log.seq", ok.seq());
            }
            span.end();
        });
    }

    private static void validate(CloudEvent event) {
        if (event.getId().isEmpty()) {
            throw new InvalidEventException("attribute 'id' must not be empty");
        }
        if (event.getSource().toString().isEmpty()) {
            throw new InvalidEventException("attribute 'source' must not be empty");
        }
        if (event.getType().isEmpty()) {
            throw new InvalidEventException("attribute 'type' must not be empty");
        }
    }

    private static int ttlOf(CloudEvent event, int defaultTtl) {
        Object value = event.getExtension(TTL);
        if (value == null) {
            return defaultTtl;
        }
        try {
            return value instanceof Number number ? number.intValue() : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new InvalidEventException(TTL + " must be an integer, was '" + value + "'");
        }
    }
}

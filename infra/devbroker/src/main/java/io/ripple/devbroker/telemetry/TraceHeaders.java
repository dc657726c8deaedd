package io.ripple.devbroker.telemetry;

import io.cloudevents.CloudEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.ripple.devbroker.filter.EventAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * W3C trace context across the broker: an event carries it as the CloudEvents distributed
 * tracing extension ({@code traceparent}, {@code tracestate}); a delivery sends it as HTTP
 * headers, from a delivery span when OpenTelemetry is enabled, else exactly as the event has it.
 */
public final class TraceHeaders {

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<CloudEvent> FROM_EVENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(CloudEvent carrier) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public @Nullable String get(@Nullable CloudEvent carrier, String key) {
            return carrier == null ? null : EventAttributes.get(carrier, key);
        }
    };

    private final Tracer tracer;

    public TraceHeaders(Tracer tracer) {
        this.tracer = tracer;
    }

    /** A client span for one delivery attempt, child of the event's trace context. */
    public Span startDelivery(String trigger, CloudEvent event) {
        Context parent = W3C.extract(Context.root(), event, FROM_EVENT);
        return tracer.spanBuilder("deliver " + trigger)
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("cloudevents.event_id", event.getId())
                .setAttribute("cloudevents.event_type", event.getType())
                .setAttribute("messaging.destination.name", trigger)
                .startSpan();
    }

    /** {@code traceparent}/{@code tracestate} headers for a delivery of {@code event} under {@code span}. */
    public Map<String, String> headers(CloudEvent event, Span span) {
        Map<String, String> headers = new HashMap<>(4);
        if (span.getSpanContext().isValid()) {
            W3C.inject(Context.root().with(span), headers, Map::put);
        } else {
            String traceparent = EventAttributes.get(event, "traceparent");
            if (traceparent != null) {
                headers.put("traceparent", traceparent);
                String tracestate = EventAttributes.get(event, "tracestate");
                if (tracestate != null) {
                    headers.put("tracestate", tracestate);
                }
            }
        }
        return headers;
    }

    /** The current span's context as a {@code traceparent} value, or {@code null} when there is none. */
    public static @Nullable String currentTraceparent() {
        Span current = Span.current();
        if (!current.getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(4);
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get("traceparent");
    }
}

package io.ripple.devbroker.telemetry;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
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

    /**
     * The server span of accepting an event into {@code broker} (ingress or a subscriber's
     * reply), child of {@code parent}: the producer's context.
     */
    public Span startIngress(String name, String broker, CloudEvent event, Context parent) {
        SpanBuilder builder = tracer.spanBuilder(name + " " + broker)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("messaging.system", "knative")
                .setAttribute("messaging.operation", "receive")
                .setAttribute("messaging.operation.type", "receive")
                .setAttribute("messaging.destination.name", broker);
        return withEventAttributes(builder, event).startSpan();
    }

    /**
     * A client span for one delivery attempt, child of the trace context stored with the
     * event in the log (the ingress span that accepted it), not of whatever is current.
     */
    public Span startDelivery(String trigger, CloudEvent event, int attempt) {
        SpanBuilder builder = tracer.spanBuilder("deliver " + trigger)
                .setParent(contextOf(event))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("messaging.system", "knative")
                .setAttribute("messaging.operation", "deliver")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", trigger)
                .setAttribute("ripple.delivery.attempt", attempt);
        return withEventAttributes(builder, event).startSpan();
    }

    /** The W3C trace context the event carries as its distributed-tracing extension. */
    public static Context contextOf(CloudEvent event) {
        return W3C.extract(Context.root(), event, FROM_EVENT);
    }

    /** The context of a {@code traceparent}/{@code tracestate} pair (HTTP headers), or root. */
    public static Context contextOf(@Nullable String traceparent, @Nullable String tracestate) {
        Map<String, String> carrier = new HashMap<>(4);
        if (traceparent != null) {
            carrier.put("traceparent", traceparent);
            if (tracestate != null) {
                carrier.put("tracestate", tracestate);
            }
        }
        return W3C.extract(Context.root(), carrier, new TextMapGetter<Map<String, String>>() {
            @Override
            public Iterable<String> keys(Map<String, String> map) {
                return map.keySet();
            }

            @Override
            public @Nullable String get(@Nullable Map<String, String> map, String key) {
                return map == null ? null : map.get(key);
            }
        });
    }

    /**
     * {@code event} carrying {@code span}'s context as its {@code traceparent}/{@code tracestate}
     * extension; unchanged when the span is not recorded (tracing off).
     */
    public static CloudEvent carrying(CloudEvent event, Span span) {
        if (!span.getSpanContext().isValid()) {
            return event;
        }
        Map<String, String> carrier = new HashMap<>(4);
        W3C.inject(Context.root().with(span), carrier, Map::put);
        CloudEventBuilder builder = CloudEventBuilder.from(event).withExtension("traceparent", carrier.get("traceparent"));
        String tracestate = carrier.get("tracestate");
        if (tracestate != null && !tracestate.isEmpty()) {
            builder.withExtension("tracestate", tracestate);
        } else {
            builder.withoutExtension("tracestate");
        }
        return builder.build();
    }

    private static SpanBuilder withEventAttributes(SpanBuilder builder, CloudEvent event) {
        builder.setAttribute("cloudevents.event_id", event.getId())
                .setAttribute("cloudevents.event_type", event.getType())
                .setAttribute("cloudevents.event_source", event.getSource().toString())
                .setAttribute("cloudevents.event_spec_version", event.getSpecVersion().toString());
        if (event.getSubject() != null) {
            builder.setAttribute("cloudevents.event_subject", event.getSubject());
        }
        String correlation = EventAttributes.get(event, "correlationid");
        if (correlation != null) {
            builder.setAttribute("ripple.correlationid", correlation);
        }
        return builder;
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
}

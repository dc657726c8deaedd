package io.ripple.runtime.internal;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jspecify.annotations.Nullable;

/**
 * The spans of one command (docs/observability.md): {@code receive <type>} (consumer, child
 * of the incoming W3C trace context), its steps {@code load}, {@code decide}, {@code append}
 * and {@code publish}; the published events carry the publish span's context as the
 * CloudEvents distributed-tracing extension, so the next hop continues the same trace.
 *
 * <p>With the OpenTelemetry SDK disabled (the default) the tracer is a no-op: spans are
 * invalid, nothing is recorded and the events keep the trace context they were given.
 */
@ApplicationScoped
public class ActorTracing {

    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("ripple.command.outcome");
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    /**
     * @param disabled {@code quarkus.otel.sdk.disabled}: Quarkus' Tracer bean still makes
     *        recording spans then (with nowhere to export them), so a disabled SDK means the no-op tracer
     */
    @Inject
    public ActorTracing(Tracer tracer,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean disabled) {
        this(disabled ? OpenTelemetry.noop().getTracer("ripple-runtime") : tracer);
    }

    public ActorTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * Starts the span of receiving a command. Its parent is the HTTP {@code traceparent} of the
     * delivery (the broker's delivery span, the nearest hop), else the event's
     * {@code traceparent} extension (binary {@code ce-traceparent} or structured), else none.
     */
    public Span startReceive(String actorType, IncomingTrace incoming, io.quarkus.funqy.knative.events.CloudEvent<?> event) {
        SpanBuilder builder = tracer.spanBuilder("receive " + (event.type() == null ? "command" : event.type()))
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(incoming.parent())
                .setAttribute("messaging.system", "knative")
                .setAttribute("messaging.operation", "process")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", actorType)
                .setAttribute("ripple.actor.type", actorType);
        setIfPresent(builder, "cloudevents.event_id", event.id());
        setIfPresent(builder, "cloudevents.event_type", event.type());
        setIfPresent(builder, "cloudevents.event_source", event.source());
        setIfPresent(builder, "cloudevents.event_subject", event.subject());
        setIfPresent(builder, "cloudevents.event_spec_version", event.specVersion());
        setIfPresent(builder, "ripple.correlationid", event.extensions().get(WireAttributes.CORRELATION_ID));
        return builder.startSpan();
    }

    /** Records how the command ended on its receive span. */
    public static void outcome(Span receive, ProcessingResult result) {
        String outcome = result.outcome() == ProcessingOutcome.APPLIED && result.conflicts() > 0 ? "conflict-retried"
                : result.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-');
        receive.setAttribute(OUTCOME, outcome);
        receive.setAttribute("ripple.events.count", result.events().size());
    }

    /** Marks {@code span} failed with {@code failure}. */
    public static void failed(Span span, Throwable failure, @Nullable String outcome) {
        span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        span.setAttribute("error.type", failure.getClass().getName());
        if (outcome != null) {
            span.setAttribute(OUTCOME, outcome);
        }
    }

    /** Starts the producer span of publishing {@code count} events, a child of {@code receive}. */
    public Span startPublish(Span receive, String actorType, int count) {
        return tracer.spanBuilder("publish").setSpanKind(SpanKind.PRODUCER)
                .setParent(Context.root().with(receive))
                .setAttribute("messaging.system", "knative")
                .setAttribute("messaging.operation", "publish")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", "broker")
                .setAttribute("messaging.batch.message_count", count)
                .setAttribute("ripple.actor.type", actorType)
                .startSpan();
    }

    /**
     * The events with {@code span}'s context as their {@code traceparent}/{@code tracestate}
     * extension (CloudEvents distributed-tracing extension); unchanged when tracing is off.
     */
    public static List<CloudEvent> carryingContext(List<CloudEvent> events, Span span) {
        if (!span.getSpanContext().isValid() || events.isEmpty()) {
            return events;
        }
        Map<String, String> carrier = new HashMap<>(4);
        W3C.inject(Context.root().with(span), carrier, Map::put);
        List<CloudEvent> traced = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            CloudEventBuilder builder = CloudEventBuilder.v1(event)
                    .withExtension(WireAttributes.TRACEPARENT, carrier.get("traceparent"));
            String tracestate = carrier.get("tracestate");
            if (tracestate != null && !tracestate.isEmpty()) {
                builder.withExtension(WireAttributes.TRACESTATE, tracestate);
            } else {
                builder.withoutExtension(WireAttributes.TRACESTATE);
            }
            traced.add(builder.build());
        }
        return traced;
    }

    /** Wraps every step of {@code inner} in a span, a child of the current one (the receive span). */
    public ProcessingSteps traced(ProcessingSteps inner) {
        return new ProcessingSteps() {
            @Override
            public <T> T step(String name, Supplier<T> body) {
                Span parent = Span.current();
                if (!parent.getSpanContext().isValid()) {
                    return inner.step(name, body);
                }
                Span span = tracer.spanBuilder(name).setParent(Context.current()).startSpan();
                try (Scope ignored = span.makeCurrent()) {
                    return inner.step(name, body);
                } catch (RuntimeException e) {
                    failed(span, e, null);
                    throw e;
                } finally {
                    span.end();
                }
            }
        };
    }

    private static void setIfPresent(SpanBuilder builder, String key, @Nullable String value) {
        if (value != null) {
            builder.setAttribute(key, value);
        }
    }

    /** The trace context a command came with: HTTP headers and CloudEvent extensions. */
    public record IncomingTrace(@Nullable String httpTraceparent, @Nullable String httpTracestate,
            @Nullable String eventTraceparent, @Nullable String eventTracestate) {

        Context parent() {
            Map<String, String> carrier = new HashMap<>(4);
            if (httpTraceparent != null) {
                carrier.put("traceparent", httpTraceparent);
                if (httpTracestate != null) {
                    carrier.put("tracestate", httpTracestate);
                }
            } else if (eventTraceparent != null) {
                carrier.put("traceparent", eventTraceparent);
                if (eventTracestate != null) {
                    carrier.put("tracestate", eventTracestate);
                }
            }
            return W3C.extract(Context.root(), carrier, FROM_MAP);
        }
    }
}

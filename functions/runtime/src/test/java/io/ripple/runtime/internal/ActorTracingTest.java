package io.ripple.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The span rules of one command, against the real OpenTelemetry SDK recording into a list. */
class ActorTracingTest {

    static final String BROKER_DELIVERY = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    static final String PRODUCER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    final List<SpanData> ended = new CopyOnWriteArrayList<>();
    final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    ended.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            })).build();
    final ActorTracing tracing = new ActorTracing(provider.get("test"));

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void receiveIsAChildOfTheDeliveryHeaderBeforeTheEventExtension() {
        Span receive = tracing.startReceive("order", new ActorTracing.IncomingTrace(BROKER_DELIVERY, null, PRODUCER, null),
                command(Map.of("traceparent", PRODUCER, "correlationid", "chain-1")));
        receive.end();

        SpanData span = ended.get(0);
        assertThat(span.getName()).isEqualTo("receive coffee.order.place");
        assertThat(span.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(span.getAttributes().asMap()).containsValues("order", "chain-1", "cmd-1", "coffee.order.place");
    }

    @Test
    void receiveFollowsTheEventExtensionWhenNoHeaderCame() {
        tracing.startReceive("order", new ActorTracing.IncomingTrace(null, null, PRODUCER, null),
                command(Map.of("traceparent", PRODUCER))).end();

        assertThat(ended.get(0).getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(ended.get(0).getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    }

    @Test
    void stepsAreChildrenOfTheReceiveSpan() {
        Span receive = tracing.startReceive("order", new ActorTracing.IncomingTrace(PRODUCER, null, null, null),
                command(Map.of()));
        ProcessingSteps steps = tracing.traced(ProcessingSteps.UNOBSERVED);
        try (Scope ignored = receive.makeCurrent()) {
            assertThat(steps.step("decide", () -> 42)).isEqualTo(42);
        }
        receive.end();

        SpanData decide = ended.stream().filter(s -> s.getName().equals("decide")).findFirst().orElseThrow();
        assertThat(decide.getParentSpanId()).isEqualTo(receive.getSpanContext().getSpanId());
    }

    @Test
    void publishedEventsCarryThePublishSpansContext() {
        Span receive = tracing.startReceive("order", new ActorTracing.IncomingTrace(PRODUCER, null, null, null),
                command(Map.of()));
        Span publish = tracing.startPublish(receive, "order", 1);

        List<CloudEvent> events = ActorTracing.carryingContext(List.of(event(PRODUCER)), publish);

        assertThat(events.get(0).getExtension("traceparent")).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-"
                + publish.getSpanContext().getSpanId() + "-01");
    }

    @Test
    void withTracingOffEventsKeepTheContextTheyCameWith() {
        Span noop = new ActorTracing(OpenTelemetry.noop().getTracer("off")).startPublish(Span.getInvalid(), "order", 1);

        assertThat(ActorTracing.carryingContext(List.of(event(PRODUCER)), noop).get(0).getExtension("traceparent"))
                .isEqualTo(PRODUCER);
    }

    @Test
    void anAppendThatLostRacesAndThenAppliedIsConflictRetried() {
        Span receive = tracing.startReceive("order", new ActorTracing.IncomingTrace(null, null, null, null),
                command(Map.of()));
        ActorTracing.outcome(receive, new ProcessingResult(ProcessingOutcome.APPLIED, List.of(), 2));
        receive.end();

        assertThat(ended.get(0).getAttributes().get(ActorTracing.OUTCOME)).isEqualTo("conflict-retried");
    }

    private static io.quarkus.funqy.knative.events.CloudEvent<Void> command(Map<String, String> extensions) {
        return io.quarkus.funqy.knative.events.CloudEventBuilder.create().specVersion("1.0").id("cmd-1")
                .type("coffee.order.place").source("/test").subject("order-1").extensions(extensions).build();
    }

    private static CloudEvent event(String traceparent) {
        return CloudEventBuilder.v1().withId("evt-1").withSource(URI.create("/actors/order/order-1"))
                .withType("coffee.order.accepted").withExtension("traceparent", traceparent).build();
    }
}

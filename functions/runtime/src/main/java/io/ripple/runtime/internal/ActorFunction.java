package io.ripple.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.ripple.runtime.store.TimerChange;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Funqy function of every actor application: receives each command CloudEvent the
 * actor's Trigger delivers (binary or structured mode), processes it, publishes the
 * resulting events and answers {@code 204} only once the broker accepted them all.
 *
 * <p>Answers: {@code 400} problem for a command that can never succeed (the broker must
 * not retry it), {@code 503} problem when events were not accepted or appends kept
 * conflicting (the broker redelivers; the command is then recognised as a duplicate and
 * its stored events are published again).
 */
public class ActorFunction {

    /** The exported function name; every actor application sets {@code quarkus.funqy.export=actor}. */
    public static final String NAME = "actor";

    @Inject
    ActorRuntime runtime;

    @Inject
    BrokerPublisher publisher;

    @Inject
    CurrentVertxRequest currentRequest;

    @Inject
    ActorTracing tracing;

    /** Longer than the connector's own per-event timeout, so its verdict normally comes first. */
    @ConfigProperty(name = "ripple.actor.publish-deadline", defaultValue = "15s")
    java.time.Duration publishDeadline;

    @Funq(NAME)
    public Uni<Void> actor(CloudEvent<JsonNode> event) {
        ActorMetrics metrics = runtime.metrics();
        String type = event.type() == null ? "" : event.type();
        String actorType = runtime.actor().name();
        Span receive = tracing.startReceive(actorType, incomingTrace(event), event);
        ProcessingResult result;
        IncomingCommand command;
        try (Scope ignored = receive.makeCurrent()) {
            command = DeadLetterRoute.route(toCommand(event), event.extensions(), runtime.actor(),
                    OffsetDateTime.now(java.time.ZoneOffset.UTC));
            result = runtime.process(command);
        } catch (ProblemException problem) {
            String outcome = problem.status() < 500 ? ActorMetrics.INVALID : ActorMetrics.FAILED;
            metrics.commandProcessed(type, outcome);
            ActorTracing.failed(receive, problem, outcome);
            receive.end();
            throw problem;
        }
        metrics.conflicts(result.conflicts());
        ActorTracing.outcome(receive, result);
        Span publish = tracing.startPublish(receive, actorType, result.events().size());
        Timer.Sample publishing = metrics.startStep();
        return publisher.publish(ActorTracing.carryingContext(result.events(), publish))
                // A delivery must never hang the broker: without the sink's verdict in time, fail it.
                .ifNoItem().after(publishDeadline).failWith(() -> new SinkRejectedException(0,
                        "no acknowledgement from the sink within " + publishDeadline.toMillis() + " ms"))
                .onItem().invoke(() -> {
                    metrics.stopStep(publishing, ProcessingSteps.PUBLISH);
                    metrics.commandProcessed(type, result.outcome());
                })
                .onFailure().transform(failure -> {
                    metrics.publishFailed();
                    metrics.commandProcessed(type, ActorMetrics.FAILED);
                    ActorTracing.failed(publish, failure, null);
                    ActorTracing.failed(receive, failure, ActorMetrics.FAILED);
                    return new ProblemException(503, "urn:ripple:problem:publish-failed",
                            "Events not accepted by the broker", result.events().size() + " event(s) of command "
                                    + command.id() + " were stored but not published: " + failure.getMessage()
                                    + "; redeliver the command to publish them", failure);
                })
                .onTermination().invoke(() -> {
                    publish.end();
                    receive.end();
                });
    }

    /** The W3C trace context of the delivery: HTTP headers and the CloudEvent's extension. */
    private ActorTracing.IncomingTrace incomingTrace(CloudEvent<JsonNode> event) {
        RoutingContext context = currentRequest.getCurrent();
        Map<String, String> extensions = event.extensions();
        return new ActorTracing.IncomingTrace(
                context == null ? null : context.request().getHeader(WireAttributes.TRACEPARENT),
                context == null ? null : context.request().getHeader(WireAttributes.TRACESTATE),
                extensions.get(WireAttributes.TRACEPARENT), extensions.get(WireAttributes.TRACESTATE));
    }

    private IncomingCommand toCommand(CloudEvent<JsonNode> event) {
        String id = required("id", event.id());
        String source = required("source", event.source());
        String type = required("type", event.type());
        String subject = event.subject();
        JsonNode data;
        try {
            data = event.data();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() instanceof JsonProcessingException json ? json : e;
            String reason = cause instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw ProblemException.badCommand("undecodable-data", "Undecodable command data",
                    "data of command " + id + " is not JSON: " + reason);
        }
        Map<String, String> extensions = event.extensions();
        return new IncomingCommand(id, source, type, subject, time(event), extensions.get(WireAttributes.CORRELATION_ID),
                header(extensions, WireAttributes.TRACEPARENT), header(extensions, WireAttributes.TRACESTATE), data,
                extensions.get(TimerChange.TIMER_EXTENSION));
    }

    private static @Nullable OffsetDateTime time(CloudEvent<JsonNode> event) {
        try {
            return event.time();
        } catch (RuntimeException e) {
            throw ProblemException.badCommand("invalid-attribute", "Invalid attribute",
                    "time of command " + event.id() + " is not an RFC 3339 timestamp");
        }
    }

    /** The trace context extension, else the W3C HTTP header the broker sent. */
    private @Nullable String header(Map<String, String> extensions, String name) {
        String fromEvent = extensions.get(name);
        if (fromEvent != null) {
            return fromEvent;
        }
        RoutingContext context = currentRequest.getCurrent();
        return context == null ? null : context.request().getHeader(name);
    }

    private static String required(String attribute, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badCommand("missing-attribute", "Missing required attribute",
                    "the CloudEvent has no '" + attribute + "' attribute (CloudEvents 1.0 requires it)");
        }
        return value;
    }
}

package io.ripple.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The HTTP edge of an actor application, around the Funqy route: refuses requests that are
 * not CloudEvents, turns every failure into an {@code application/problem+json} answer
 * without a stack trace, and describes the actor at {@code GET /q/ripple}.
 */
@ApplicationScoped
public class HttpEdge {

    private static final Logger LOG = Logger.getLogger(HttpEdge.class);
    static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    ObjectMapper mapper;

    @Inject
    ActorRuntime runtime;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answerFailure);
        router.route("/").order(Integer.MIN_VALUE).handler(this::requireCloudEvent);
        router.get("/q/ripple").handler(this::describeActor);
    }

    private void requireCloudEvent(RoutingContext context) {
        HttpMethod method = context.request().method();
        if (method != HttpMethod.POST) {
            context.response().putHeader(HttpHeaders.ALLOW, "POST");
            writeProblem(context, new ProblemException(405, "urn:ripple:problem:method-not-allowed",
                    "Method not allowed", "an actor accepts CloudEvents with POST only, not " + method));
            return;
        }
        String contentType = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        boolean binary = context.request().headers().contains("ce-id");
        boolean structured = contentType != null && contentType.startsWith("application/cloudevents+json");
        if (!binary && !structured) {
            writeProblem(context, ProblemException.badCommand("not-a-cloudevent", "Not a CloudEvent",
                    "send a CloudEvent in binary mode (ce-* headers) or structured mode "
                            + "(Content-Type: application/cloudevents+json)"));
            return;
        }
        context.next();
    }

    private void describeActor(RoutingContext context) {
        String body;
        try {
            body = mapper.writeValueAsString(ActorDescriptor.of(runtime.actor()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a descriptor of strings always encodes", e);
        }
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }

    private void answerFailure(RoutingContext context) {
        if (context.response().headWritten()) {
            return;
        }
        writeProblem(context, toProblem(context.failure(), context.statusCode()));
    }

    private static ProblemException toProblem(Throwable failure, int status) {
        // Funqy wraps what a function throws (ApplicationException): look through wrappers.
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return problem;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        if (failure instanceof JsonProcessingException json) {
            return ProblemException.badCommand("undecodable-event", "Undecodable CloudEvent",
                    "the request is not valid JSON: " + json.getOriginalMessage());
        }
        if (failure == null && status == 400) {
            return ProblemException.badCommand("undecodable-event", "Undecodable CloudEvent",
                    "the request is not a valid CloudEvent");
        }
        if (failure == null && status >= 400 && status < 500) {
            return new ProblemException(status, "urn:ripple:problem:http-" + status, "Request refused",
                    "the request was refused with status " + status);
        }
        // Unexpected: log it once here with its stack trace; the caller sees no internals.
        LOG.error("command processing failed", failure);
        return new ProblemException(500, "urn:ripple:problem:internal", "Internal error",
                "the actor failed to process the command; the broker will retry it");
    }

    void writeProblem(RoutingContext context, ProblemException problem) {
        Map<String, Object> body = Map.of("type", problem.type(), "title", problem.title(),
                "status", problem.status(), "detail", problem.detail());
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem body of strings always encodes", e);
        }
        context.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
                .end(json);
    }
}

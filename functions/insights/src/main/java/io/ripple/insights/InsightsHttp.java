package io.ripple.insights;

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
 * The HTTP side around the Funqy route: serves the statistics at {@code GET /insights},
 * refuses requests to {@code /} that are not CloudEvents, and answers every failure with an
 * {@code application/problem+json} body.
 */
@ApplicationScoped
public class InsightsHttp {

    private static final Logger LOG = Logger.getLogger(InsightsHttp.class);
    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    FactStore store;

    @Inject
    ObjectMapper mapper;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answerFailure);
        router.route("/").order(Integer.MIN_VALUE).handler(this::requireCloudEvent);
        // Before Funqy's routes, which would take /insights for the function of that name.
        router.get("/insights").order(Integer.MIN_VALUE + 1).handler(this::serveInsights);
    }

    private void serveInsights(RoutingContext context) {
        // Blocking JDBC: off the event loop.
        context.vertx().<String>executeBlocking(() -> json(ShopInsights.of(store.all())))
                .onSuccess(body -> context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(body))
                .onFailure(context::fail);
    }

    private void requireCloudEvent(RoutingContext context) {
        if (context.request().method() != HttpMethod.POST) {
            context.response().putHeader(HttpHeaders.ALLOW, "POST");
            problem(context, 405, "method-not-allowed", "Method not allowed",
                    "POST CloudEvents to /; the statistics are at GET /insights");
            return;
        }
        String contentType = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        boolean binary = context.request().headers().contains("ce-id");
        boolean structured = contentType != null && contentType.startsWith("application/cloudevents+json");
        if (!binary && !structured) {
            problem(context, 400, "not-a-cloudevent", "Not a CloudEvent",
                    "send a CloudEvent in binary mode (ce-* headers) or structured mode "
                            + "(Content-Type: application/cloudevents+json)");
            return;
        }
        context.next();
    }

    private void answerFailure(RoutingContext context) {
        if (context.response().headWritten()) {
            return;
        }
        // Funqy wraps what a function throws: look through the wrappers.
        for (Throwable cause = context.failure(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InsightsFunction.BadEvent bad) {
                problem(context, 400, bad.problem, "Bad event", bad.getMessage());
                return;
            }
            if (cause instanceof JsonProcessingException json) {
                problem(context, 400, "undecodable-event", "Undecodable CloudEvent",
                        "the request is not valid JSON: " + json.getOriginalMessage());
                return;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        if (context.failure() == null && context.statusCode() >= 400 && context.statusCode() < 500) {
            problem(context, context.statusCode(), "http-" + context.statusCode(), "Request refused",
                    "the request was refused with status " + context.statusCode());
            return;
        }
        LOG.error("insights request failed", context.failure());
        problem(context, 500, "internal", "Internal error", "the event was not stored; the broker will retry it");
    }

    private void problem(RoutingContext context, int status, String type, String title, String detail) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
                .end(json(Map.of("type", "urn:ripple:problem:" + type, "title", title, "status", status,
                        "detail", detail)));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain records always encode", e);
        }
    }
}

package io.ripple.devbroker.http;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.http.HttpMessageFactory;
import io.ripple.devbroker.ingress.EventIngress;
import io.ripple.devbroker.ingress.InvalidEventException;
import io.ripple.devbroker.ingress.TtlExhaustedException;
import io.ripple.devbroker.log.LogUnavailableException;
import io.ripple.devbroker.telemetry.BrokerMetrics;
import io.ripple.devbroker.topology.Topology;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * {@code /<namespace>/<broker>}: the broker ingress, with Knative's data-plane status codes.
 * 202 once the event is durable; 400 invalid event or path; 401/403 bearer token; 404 unknown
 * broker; 405 other methods; 413 too large; 503 the log cannot take it now.
 */
final class IngressRoute {

    static final String ALLOW = "POST, OPTIONS";
    private static final Logger LOG = Logger.getLogger(IngressRoute.class);

    private final Topology topology;
    private final EventIngress ingress;
    private final BearerTokens tokens;
    private final BrokerMetrics metrics;
    private final int maxEventSize;

    IngressRoute(Topology topology, EventIngress ingress, BearerTokens tokens, BrokerMetrics metrics,
            int maxEventSize) {
        this.topology = topology;
        this.ingress = ingress;
        this.tokens = tokens;
        this.metrics = metrics;
        this.maxEventSize = maxEventSize;
    }

    void handle(RoutingContext context, IngressPath path) {
        long started = System.nanoTime();
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        String namespace = path.namespace();
        String broker = path.broker();
        String brokerKey = namespace + "/" + broker;
        response.endHandler(v -> metrics.ingress(brokerKey, response.getStatusCode(), System.nanoTime() - started));

        if (request.method() == HttpMethod.OPTIONS) {
            // CloudEvents HTTP webhook abuse protection handshake, answered as Knative's ingress does.
            response.putHeader("Allow", ALLOW)
                    .putHeader("WebHook-Allowed-Origin", "*")
                    .putHeader("WebHook-Allowed-Rate", "*")
                    .setStatusCode(200).end();
            return;
        }
        if (request.method() != HttpMethod.POST) {
            response.putHeader("Allow", ALLOW);
            Problem.of(405, "method-not-allowed", "Method not allowed",
                    request.method() + " is not supported on a broker ingress; use POST").send(response);
            return;
        }
        if (!path.hasKubernetesNames()) {
            Problem.of(400, "invalid-path", "Invalid broker path",
                    "expected /<namespace>/<broker> with Kubernetes names, got " + request.path()).send(response);
            return;
        }
        Optional<BearerTokens.Client> client = Optional.empty();
        if (tokens.enabled()) {
            client = tokens.authenticate(request.getHeader("Authorization"));
            if (client.isEmpty()) {
                response.putHeader("WWW-Authenticate", "Bearer realm=\"ripple-broker\"");
                Problem.of(401, "unauthorized", "Unauthorized",
                        request.getHeader("Authorization") == null ? "a bearer token is required"
                                : "the bearer token is not valid").send(response);
                return;
            }
        }
        if (topology.broker(namespace, broker).isEmpty()) {
            Problem.of(404, "unknown-broker", "Unknown broker", "no broker " + brokerKey + " (known: "
                    + topology.brokers().keySet() + ")").send(response);
            return;
        }
        if (client.isPresent() && !client.get().allows(brokerKey)) {
            Problem.of(403, "forbidden", "Forbidden", "client '" + client.get().name()
                    + "' may not send to broker " + brokerKey).send(response);
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null && parseLength(length) > maxEventSize) {
            tooLarge(response, parseLength(length));
            return;
        }
        readBody(request, response, body -> accept(request, response, brokerKey, body));
    }

    private void readBody(HttpServerRequest request, HttpServerResponse response, Handler<Buffer> then) {
        Buffer body = Buffer.buffer();
        boolean[] rejected = {false};
        request.handler(chunk -> {
            if (rejected[0]) {
                return;
            }
            if (body.length() + chunk.length() > maxEventSize) {
                rejected[0] = true;
                response.putHeader("Connection", "close");
                tooLarge(response, body.length() + chunk.length());
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> LOG.debugf("ingress request failed: %s", failure.getMessage()));
        request.endHandler(v -> {
            if (!rejected[0]) {
                then.handle(body);
            }
        });
        request.resume();
    }

    private void tooLarge(HttpServerResponse response, long size) {
        Problem.of(413, "event-too-large", "Event too large", "the request body has " + size
                + " bytes, more than the limit of " + maxEventSize + " (ripple.broker.max-event-size)").send(response);
    }

    private void accept(HttpServerRequest request, HttpServerResponse response, String brokerKey, Buffer body) {
        CloudEvent event;
        try {
            MessageReader reader = HttpMessageFactory.createReader(forEach -> {
                for (Map.Entry<String, String> header : request.headers()) {
                    forEach.accept(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
                }
            }, body.getBytes());
            event = reader.toEvent();
        } catch (RuntimeException e) {
            Problem.of(400, "invalid-event", "Invalid CloudEvent", describe(e)).send(response);
            return;
        }
        String traceparent = request.getHeader("traceparent");
        String tracestate = request.getHeader("tracestate");
        Context context = Vertx.currentContext();
        try {
            ingress.accept(brokerKey, event, traceparent, tracestate).whenComplete((stored, failure) ->
                    context.runOnContext(v -> {
                        if (failure == null) {
                            response.setStatusCode(202).end();
                        } else {
                            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                    ? failure.getCause() : failure;
                            if (!(cause instanceof LogUnavailableException)) {
                                LOG.error("storing an event failed", cause);
                            }
                            response.putHeader("Retry-After", "1");
                            Problem.of(503, "log-unavailable", "Event not stored", cause.getMessage())
                                    .send(response);
                        }
                    }));
        } catch (TtlExhaustedException e) {
            Problem.of(400, "ttl-exhausted", "knativebrokerttl exhausted", e.getMessage()).send(response);
        } catch (InvalidEventException e) {
            Problem.of(400, "invalid-event", "Invalid CloudEvent", e.getMessage()).send(response);
        }
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.contains("Could not parse. Unknown encoding") || message.toLowerCase(Locale.ROOT)
                .contains("unknown encoding")) {
            return "not a CloudEvent: binary mode needs ce-specversion, ce-id, ce-source and ce-type headers;"
                    + " structured mode needs Content-Type application/cloudevents+json (" + message + ")";
        }
        return message;
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

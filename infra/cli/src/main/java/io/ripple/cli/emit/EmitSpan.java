package io.ripple.cli.emit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The span of one {@code ripple emit}: the external producer that starts a chain's trace.
 * Its context goes out as {@code traceparent}; when a Zipkin runs, the span itself is
 * reported there in Zipkin's v2 JSON, so the trace has its root.
 */
record EmitSpan(String traceId, String spanId, String type, String eventId, Instant start) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    static EmitSpan start(String type, String eventId) {
        return new EmitSpan(randomHex(16), randomHex(8), type, eventId, Instant.now());
    }

    /** W3C trace context, sampled: {@code 00-<trace id>-<span id>-01}. */
    String traceparent() {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    /** Reports the span to Zipkin; a failure is a warning, the event is already sent. */
    void report(String zipkinBase, String subject, Object correlationId, int status, PrintWriter err) {
        long startMicros = ChronoUnit.MICROS.between(Instant.EPOCH, start);
        long duration = Math.max(1, ChronoUnit.MICROS.between(start, Instant.now()));
        ObjectNode span = JSON.createObjectNode().put("traceId", traceId).put("id", spanId).put("kind", "PRODUCER")
                .put("name", "emit " + type).put("timestamp", startMicros).put("duration", duration);
        span.putObject("localEndpoint").put("serviceName", "ripple-cli");
        ObjectNode tags = span.putObject("tags");
        tags.put("cloudevents.event_id", eventId).put("cloudevents.event_type", type)
                .put("messaging.system", "knative").put("messaging.operation", "publish")
                .put("http.response.status_code", Integer.toString(status));
        if (subject != null) {
            tags.put("cloudevents.event_subject", subject);
        }
        if (correlationId != null) {
            tags.put("ripple.correlationid", correlationId.toString());
        }
        ArrayNode body = JSON.createArrayNode().add(span);
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(zipkinBase + "/api/v2/spans")).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                err.println("ripple: Zipkin at " + zipkinBase + " refused the emit span with " + response.statusCode());
            }
        } catch (IOException e) {
            err.println("ripple: could not report the emit span to Zipkin at " + zipkinBase + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.flush();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}

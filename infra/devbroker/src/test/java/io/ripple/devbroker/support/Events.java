package io.ripple.devbroker.support;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Builds CloudEvents and POSTs them the way producers do (binary mode by default). */
public final class Events {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Events() {
    }

    /** A JSON event of {@code type} with a fresh id. */
    public static CloudEventBuilder event(String type) {
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(URI.create("/tests"))
                .withType(type).withDataContentType("application/json")
                .withData("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs {@code event} in binary content mode; returns the status. */
    public static HttpResponse<String> post(URI ingress, CloudEvent event) {
        return post(ingress, event, Map.of());
    }

    public static HttpResponse<String> post(URI ingress, CloudEvent event, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[][] body = {new byte[0]};
        HttpMessageFactory.createWriter(headers::put, bytes -> body[0] = bytes == null ? new byte[0] : bytes)
                .writeBinary(event);
        headers.putAll(extraHeaders);
        return send("POST", ingress, headers, body[0]);
    }

    /** POSTs {@code event} in structured content mode. */
    public static HttpResponse<String> postStructured(URI ingress, CloudEvent event) {
        return send("POST", ingress, Map.of("Content-Type", JsonFormat.CONTENT_TYPE),
                new JsonFormat().serialize(event));
    }

    /** Any request, for status-code tests. */
    public static HttpResponse<String> send(String method, URI target, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

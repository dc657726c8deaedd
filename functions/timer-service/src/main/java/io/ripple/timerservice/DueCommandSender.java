package io.ripple.timerservice;

import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * POSTs a due command to the broker ingress as a binary-mode CloudEvent (ce-* headers,
 * the data as the body), as any Knative event source does.
 */
@ApplicationScoped
public class DueCommandSender {

    /** What the sink answered; status 0 when it could not be reached. */
    public record Answer(int status, String detail) {
        public boolean accepted() {
            return status >= 200 && status <= 299;
        }
    }

    private final Optional<URI> sink;
    private final Duration timeout;
    private final HttpClient client;

    @Inject
    public DueCommandSender(TimerServiceConfig config) {
        this.sink = config.sink().filter(url -> !url.isBlank()).map(URI::create);
        this.timeout = config.sendTimeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Whether a sink is configured at all. */
    public boolean hasSink() {
        return sink.isPresent();
    }

    public Answer send(CloudEvent command) {
        if (sink.isEmpty()) {
            return new Answer(0, "no sink configured: set K_SINK (or ripple.timers.sink) to the broker URL");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(sink.get()).timeout(timeout);
        byte[][] body = {new byte[0]};
        HttpMessageFactory.createWriter(request::header, bytes -> body[0] = bytes == null ? new byte[0] : bytes)
                .writeBinary(command);
        Object traceparent = command.getExtension("traceparent");
        if (traceparent != null) {
            // W3C trace context travels as an HTTP header too, for proxies that only read headers.
            request.header("traceparent", traceparent.toString());
        }
        try {
            HttpResponse<String> response = client.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body[0]))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Answer(response.statusCode(), text.length() > 200 ? text.substring(0, 200) + "..." : text);
        } catch (IOException e) {
            return new Answer(0, "sink " + sink.get() + " unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted while sending to " + sink.get());
        }
    }
}

package io.ripple.hardwaresimulator;

import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP broker ingress on loopback: decodes what it receives, and refuses on demand. */
final class RecordingSink {

    /** One request: the decoded event, the raw headers and the status it was answered with. */
    record Delivery(CloudEvent event, Map<String, String> headers, int status) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger();

    RecordingSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    values.get(0)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 202;
            deliveries.add(new Delivery(HttpMessageFactory.createReader(headers, body).toEvent(), headers, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ripple/default";
    }

    void refuseNext(int count) {
        refusals.set(count);
    }

    List<Delivery> deliveriesCausedBy(String brewStartedId) {
        return deliveries.stream().filter(d -> brewStartedId.equals(d.event().getExtension("causationid"))).toList();
    }

    void stop() {
        server.stop(0);
    }
}

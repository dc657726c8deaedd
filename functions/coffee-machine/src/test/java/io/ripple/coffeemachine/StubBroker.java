package io.ripple.coffeemachine;

import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A broker ingress on loopback for tests: decodes every POSTed CloudEvent with the SDK,
 * records it, and answers the status it is told to (202 like Knative, or a failure).
 */
final class StubBroker {

    /** One POST: the event and the status it was answered with. */
    record Delivery(CloudEvent event, int status, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile int status = 202;
    private final AtomicInteger options = new AtomicInteger();

    StubBroker() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            if (exchange.getRequestMethod().equals("OPTIONS")) {
                // Like the broker ingress: what the function's warm-up asks once it listens.
                options.incrementAndGet();
                exchange.getResponseHeaders().add("Allow", "POST, OPTIONS");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            int answer = status;
            deliveries.add(new Delivery(HttpMessageFactory.createReader(headers, body).toEvent(), answer, headers));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ripple/default";
    }

    void answer(int status) {
        this.status = status;
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** How many OPTIONS requests arrived (the publisher's connection warm-up). */
    int optionsRequests() {
        return options.get();
    }

    void stop() {
        server.stop(0);
    }
}

package io.ripple.timerservice;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A broker ingress on 127.0.0.1 that records what it receives; it refuses (503) the first
 * delivery of the command ids it is told to.
 */
final class SinkRecorder implements AutoCloseable {

    record Received(String id, int status, Map<String, String> headers, byte[] body, Instant at) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<String> refuseOnce = ConcurrentHashMap.newKeySet();

    SinkRecorder() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    String.join(",", values)));
            String id = headers.getOrDefault("ce-id", "");
            int status = refuseOnce.remove(id) ? 503 : 202;
            received.add(new Received(id, status, headers, body, Instant.now()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ripple/default";
    }

    void refuseFirstDeliveryOf(String id) {
        refuseOnce.add(id);
    }

    List<Received> deliveriesOf(String id) {
        return received.stream().filter(r -> r.id().equals(id)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

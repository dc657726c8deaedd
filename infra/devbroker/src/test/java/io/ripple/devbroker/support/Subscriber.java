package io.ripple.devbroker.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.http.HttpMessageFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A subscriber on a free loopback port: records every CloudEvent POSTed to it and answers as
 * told (204 by default).
 */
public final class Subscriber implements AutoCloseable {

    /** One request the subscriber got. */
    public record Received(String path, Map<String, List<String>> headers, byte[] body, CloudEvent event,
            long nanoTime) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue().get(0);
                }
            }
            return null;
        }

        public String extension(String name) {
            Object value = event.getExtension(name);
            return value == null ? null : value.toString();
        }
    }

    /** The answer to one request. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public static Response status(int status) {
            return new Response(status, Map.of(), new byte[0]);
        }

        public static Response noContent() {
            return status(204);
        }

        public static Response body(int status, String contentType, String body) {
            return new Response(status, Map.of("Content-Type", contentType), body.getBytes());
        }

        /** A 200 with {@code event} in binary mode: a reply. */
        public static Response reply(CloudEvent event) {
            Map<String, String> headers = new java.util.HashMap<>();
            byte[][] body = {new byte[0]};
            HttpMessageFactory.createWriter(headers::put, bytes -> body[0] = bytes == null ? new byte[0] : bytes)
                    .writeBinary(event);
            return new Response(200, headers, body[0]);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Response> behaviour = r -> Response.noContent();

    private Subscriber(HttpServer server) {
        this.server = server;
    }

    public static Subscriber start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            Subscriber subscriber = new Subscriber(server);
            server.createContext("/", subscriber::handle);
            server.setExecutor(subscriber.threads);
            server.start();
            return subscriber;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How to answer from now on (called on the request thread; may block to hold the answer). */
    public Subscriber respond(Function<Received, Response> behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Everything received so far, in arrival order. */
    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<Received> received(Predicate<Received> which) {
        return received.stream().filter(which).toList();
    }

    /** Received events of {@code type}. */
    public List<Received> ofType(String type) {
        return received(r -> r.event().getType().equals(type));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
            MessageReader reader = HttpMessageFactory.createReader(forEach -> headers.forEach(
                    (name, values) -> forEach.accept(name.toLowerCase(Locale.ROOT), values.get(0))), body);
            Received request = new Received(exchange.getRequestURI().getPath(), headers, body, reader.toEvent(),
                    System.nanoTime());
            received.add(request);
            Response response = behaviour.apply(request);
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

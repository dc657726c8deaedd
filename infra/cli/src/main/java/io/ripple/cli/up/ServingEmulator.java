package io.ripple.cli.up;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Knative Serving on one machine: an activator that receives every request for a Service
 * at {@code /<service>/...}, has its {@link ServiceScaler} pick (or start) an instance, and
 * proxies the request to it. The broker's subscriber URLs point here, exactly as a
 * cluster's point at the Knative activator / queue-proxy.
 */
public final class ServingEmulator implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade", "host", "content-length", "expect", "proxy-connection");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, ServiceScaler> scalers = new LinkedHashMap<>();
    // Every forward blocks an activator thread in send() and reads a byte-array body: completing
    // it on the client's selector thread saves a hand-off to the client's worker pool per request.
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Runnable::run).build();
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("activator"));
    private final ScheduledExecutorService autoscaler = Executors.newSingleThreadScheduledExecutor(daemon("autoscaler"));
    private final Duration requestTimeout;

    public ServingEmulator(List<ServiceSpec> services, FunctionLauncher launcher, Duration readyTimeout,
            Duration scaleInWindow, Duration requestTimeout, Consumer<ServiceScaler> onChange) {
        this.requestTimeout = requestTimeout;
        for (ServiceSpec service : services) {
            scalers.put(service.name(), new ServiceScaler(service, launcher, readyTimeout, scaleInWindow, onChange));
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(workers);
        server.createContext("/", this::proxy);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    public void start() {
        server.start();
        scalers.values().forEach(ServiceScaler::start);
        autoscaler.scheduleWithFixedDelay(() -> scalers.values().forEach(ServiceScaler::tick), 500, 500,
                TimeUnit.MILLISECONDS);
    }

    /** Where the broker should deliver to reach {@code service}. */
    public String urlOf(String service) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + service;
    }

    public Map<String, ServiceScaler> scalers() {
        return scalers;
    }

    private void proxy(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String[] parts = path.substring(1).split("/", 2);
            ServiceScaler scaler = scalers.get(parts[0]);
            if (scaler == null) {
                answer(exchange, 404, "no Knative Service named '" + parts[0] + "' in the manifests");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            ServiceScaler.Instance instance;
            try {
                instance = scaler.acquire();
            } catch (TimeoutException e) {
                answer(exchange, 503, e.getMessage());
                return;
            }
            try {
                forward(exchange, instance, parts.length > 1 ? "/" + parts[1] : "/", body);
            } finally {
                scaler.release(instance);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forward(HttpExchange exchange, ServiceScaler.Instance instance, String path, byte[] body)
            throws IOException, InterruptedException {
        String query = exchange.getRequestURI().getRawQuery();
        URI target = URI.create("http://127.0.0.1:" + instance.process.port() + path + (query == null ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(requestTimeout)
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            answer(exchange, 502, "instance of " + instance.process.name() + " failed: " + e.getMessage());
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String detail) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of("type", "urn:ripple:problem:serving",
                "title", "Service unavailable", "status", status, "detail", detail));
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        // A tick may be stopping an idle instance that writes its class cache as it exits:
        // interrupting that stop would kill the instance halfway through the write. The stop is
        // bounded (FunctionLauncher.RECORDING_EXIT), so wait for it.
        autoscaler.shutdown();
        try {
            if (!autoscaler.awaitTermination(FunctionLauncher.RECORDING_EXIT.plusSeconds(10).toSeconds(),
                    TimeUnit.SECONDS)) {
                autoscaler.shutdownNow();
            }
        } catch (InterruptedException e) {
            autoscaler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        scalers.values().parallelStream().forEach(ServiceScaler::stop);
        workers.shutdownNow();
    }
}

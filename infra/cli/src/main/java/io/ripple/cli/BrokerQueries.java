package io.ripple.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Client of the local broker's query API ({@code /api/v1}): the event log and its deliveries. */
public final class BrokerQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 500;

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public BrokerQueries(URI base) {
        this.base = base;
    }

    /**
     * Log entries ({@code {seq, broker, arrivalTime, event}}) matching the filters, oldest first,
     * after sequence number {@code after}; all pages when {@code limit} is 0.
     */
    public List<JsonNode> events(Map<String, String> filters, long after, int limit) {
        List<JsonNode> all = new ArrayList<>();
        long cursor = after;
        while (true) {
            Map<String, String> query = new LinkedHashMap<>(filters);
            query.put("after", Long.toString(cursor));
            query.put("limit", Integer.toString(limit > 0 ? Math.min(limit - all.size(), PAGE) : PAGE));
            JsonNode page = get("/api/v1/events", query);
            page.path("items").forEach(all::add);
            JsonNode next = page.path("nextAfter");
            if (next.isNull() || next.isMissingNode() || (limit > 0 && all.size() >= limit)) {
                return all;
            }
            cursor = next.asLong();
        }
    }

    /** One event with its deliveries and dead letters ({@code items[].deliveries}). */
    public JsonNode event(String id) {
        return get("/api/v1/events/" + encode(id), Map.of());
    }

    public JsonNode get(String path, Map<String, String> query) {
        String parameters = query.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        URI uri = base.resolve(path + (parameters.isEmpty() ? "" : "?" + parameters));
        HttpResponse<byte[]> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CliException("cannot reach the broker at " + base + " (is `ripple up` running?): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new CliException("the broker answered " + response.statusCode() + " to " + uri + ": "
                        + body.path("detail").asText(body.toString()));
            }
            return body;
        } catch (IOException e) {
            throw new CliException("the broker's answer to " + uri + " is not JSON (status " + response.statusCode() + ")");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

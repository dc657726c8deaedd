package io.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ripple up --tracing` end to end: the real CLI starts a real Zipkin (the exec jar from Maven
 * Central), the real devbroker and the real order, barista and coffee-machine jars; one
 * emitted order that crosses the three actors must be one trace in Zipkin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracingIT {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Path MANIFESTS = Path.of("src/test/resources/tracing-manifests").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path data;

    private Process up;
    private Path output;
    private String broker;
    private String zipkin;

    @BeforeAll
    void startRippleUpWithTracing() throws IOException {
        int port = RippleUpIT.freePort();
        int zipkinPort = RippleUpIT.freePort();
        broker = "http://127.0.0.1:" + port + "/ripple/default";
        zipkin = "http://127.0.0.1:" + zipkinPort;
        output = data.resolve("up.out");
        up = new ProcessBuilder(RippleUpIT.java(), "-jar", "infra/cli/target/ripple-cli.jar", "up", "--tracing",
                "--zipkin-port", Integer.toString(zipkinPort), "--port", Integer.toString(port),
                "--manifests", MANIFESTS.toString(), "--data-dir", data.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        await().atMost(Duration.ofSeconds(180)).until(() -> RippleUpIT.read(output).contains("tracing on")
                || !up.isAlive());
        assertThat(up.isAlive()).as("ripple up is running: %s", RippleUpIT.read(output)).isTrue();
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (up != null && up.isAlive()) {
            // SIGTERM: ripple up stops its children (and Zipkin last) in its shutdown hook.
            up.destroy();
            if (!up.waitFor(30, TimeUnit.SECONDS)) {
                up.descendants().forEach(ProcessHandle::destroyForcibly);
                up.destroyForcibly();
            }
        }
    }

    @Test
    void anOrderAcrossThreeActorsIsOneTraceRootedAtTheEmit() throws Exception {
        // A READY machine first, so the barista assigns the order to it (its own chain and trace).
        String init = cli("emit", "--broker", broker, "--data-dir", data.toString(), "--type",
                "coffee.machine.initialize", "--subject", "machine-1", "--follow", "--quiet-for", "1s");
        assertThat(init).contains("coffee.barista.machine-status-updated");

        String placed = cli("emit", "--broker", broker, "--data-dir", data.toString(), "--type", "coffee.order.place",
                "--subject", "order-1", "--data", "{\"recipe\":\"latte\",\"customer\":\"ada\"}", "--follow",
                "--quiet-for", "1s");
        assertThat(placed).contains("coffee.machine.brew-started");
        String chain = placed.lines().findFirst().orElseThrow().trim();

        String trace = cli("trace", "--broker", broker, "--data-dir", data.toString(), chain);
        Matcher link = Pattern.compile("zipkin: " + Pattern.quote(zipkin) + "/zipkin/traces/([0-9a-f]{32})").matcher(trace);
        assertThat(link.find()).as("ripple trace prints the Zipkin link: %s", trace).isTrue();
        String traceId = link.group(1);

        Set<String> expected = Set.of("ripple-cli", "devbroker", "order", "barista", "coffee-machine");
        JsonNode spans = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(zipkin + "/api/v2/trace/" + traceId), found -> found != null
                        && services(found).containsAll(expected) && services(found).size() >= expected.size()
                        && hasSpan(found, "coffee-machine", "publish"));

        Map<String, JsonNode> byId = new HashMap<>();
        spans.forEach(span -> byId.put(span.path("id").asText(), span));
        JsonNode emit = only(spans, span -> span.path("name").asText().equals("emit coffee.order.place"));
        assertThat(emit.has("parentId")).as("the emit is the root").isFalse();
        for (String actor : List.of("order", "barista", "coffee-machine")) {
            List<JsonNode> actorSpans = new ArrayList<>();
            spans.forEach(span -> {
                if (serviceOf(span).equals(actor)) {
                    actorSpans.add(span);
                }
            });
            assertThat(actorSpans).as("spans of %s", actor).isNotEmpty();
            Set<String> names = new HashSet<>();
            for (JsonNode span : actorSpans) {
                names.add(span.path("name").asText());
                assertThat(ancestors(span, byId)).as("%s span %s descends from the emit", actor, span.path("name"))
                        .contains(emit.path("id").asText());
                // Between the emit and every actor there is the broker: ingress and delivery spans.
                assertThat(ancestors(span, byId).stream().map(byId::get).map(TracingIT::serviceOf))
                        .contains("devbroker");
            }
            assertThat(names).contains("load", "decide", "append", "publish");
            assertThat(names).anyMatch(name -> name.startsWith("receive "));
        }
        JsonNode receivePlace = only(spans, span -> span.path("name").asText().equals("receive coffee.order.place"));
        assertThat(receivePlace.path("tags").path("ripple.command.outcome").asText()).isEqualTo("applied");
        assertThat(receivePlace.path("tags").path("ripple.correlationid").asText()).isEqualTo(chain);
        assertThat(receivePlace.path("tags").path("cloudevents.event_id").asText()).isEqualTo(chain);
        assertThat(receivePlace.path("tags").path("ripple.actor.type").asText()).isEqualTo("order");

        // One chain, one trace: no span of this chain landed in another trace.
        JsonNode traces = get(zipkin + "/api/v2/traces?limit=100&lookback=600000&annotationQuery="
                + java.net.URLEncoder.encode("ripple.correlationid=" + chain, java.nio.charset.StandardCharsets.UTF_8));
        Set<String> traceIds = new HashSet<>();
        traces.forEach(t -> t.forEach(span -> traceIds.add(span.path("traceId").asText())));
        assertThat(traceIds).containsExactly(traceId);
    }

    private static Set<String> services(JsonNode spans) {
        Set<String> names = new HashSet<>();
        spans.forEach(span -> names.add(serviceOf(span)));
        return names;
    }

    private static boolean hasSpan(JsonNode spans, String service, String name) {
        for (JsonNode span : spans) {
            if (serviceOf(span).equals(service) && span.path("name").asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String serviceOf(JsonNode span) {
        return span == null ? "" : span.path("localEndpoint").path("serviceName").asText();
    }

    private static List<String> ancestors(JsonNode span, Map<String, JsonNode> byId) {
        List<String> chain = new ArrayList<>();
        JsonNode current = span;
        while (current != null && current.has("parentId") && chain.size() < 100) {
            String parent = current.path("parentId").asText();
            chain.add(parent);
            current = byId.get(parent);
        }
        return chain;
    }

    private static JsonNode only(JsonNode spans, java.util.function.Predicate<JsonNode> test) {
        List<JsonNode> found = new ArrayList<>();
        spans.forEach(span -> {
            if (test.test(span)) {
                found.add(span);
            }
        });
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private String cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(RippleUpIT.java(), "-jar", "infra/cli/target/ripple-cli.jar"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(data, "cli", ".out");
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("ripple %s finished", args[0]).isTrue();
        return Files.readString(out);
    }
}

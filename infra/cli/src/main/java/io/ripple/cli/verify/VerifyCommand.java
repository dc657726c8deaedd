package io.ripple.cli.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.ripple.cli.BrokerOption;
import io.ripple.cli.BrokerQueries;
import io.ripple.cli.CliException;
import io.ripple.cli.HttpUrlConverter;
import io.ripple.testkit.Scenario;
import io.ripple.testkit.ScenarioExpectations;
import io.ripple.testkit.ScenarioFiles;
import io.ripple.testkit.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Replay scenario files against a live function over HTTP (a contract test): post each",
                "scenario's `given` commands and its `when` command to the function, then read what it emitted",
                "from the broker's event log and compare with `then`. Each run uses fresh ids and subjects, so",
                "it can be repeated. The function must publish to the broker given by --broker (its K_SINK)."})
public class VerifyCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = ScenarioRunner.defaultMapper();
    private static final JsonFormat CLOUDEVENTS_JSON = new JsonFormat();

    @Spec
    CommandSpec spec;

    @Mixin
    BrokerOption broker;

    /** Where a function module keeps its scenario files (the testkit's convention). */
    static final Path MODULE_SCENARIOS = Path.of("src", "test", "resources", "scenarios");

    @Parameters(index = "0", paramLabel = "SCENARIOS",
            description = "directory of scenario files (*.json), or a function module's directory (its "
                    + "src/test/resources/scenarios is read)")
    Path scenarios;

    @Option(names = "--url", required = true, converter = HttpUrlConverter.class,
            description = "the function's URL, e.g. http://127.0.0.1:8081/")
    URI url;

    @Option(names = "--timeout", defaultValue = "10s", description = "how long to wait for the emitted events (default: ${DEFAULT-VALUE})")
    Duration timeout;

    private final HttpClient client = HttpClient.newHttpClient();

    @Override
    public Integer call() throws Exception {
        List<Scenario> all;
        Path directory = scenarios;
        Path inModule = scenarios.resolve(MODULE_SCENARIOS);
        if (Files.isDirectory(inModule)) {
            // A module's folder holds build output and other JSON too: read where the testkit keeps them.
            spec.commandLine().getErr().println("ripple: reading the module's scenarios in " + inModule);
            directory = inModule;
        }
        try {
            all = new ScenarioFiles(JSON).readAll(directory);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        BrokerQueries queries = new BrokerQueries(broker.base());
        int failed = 0;
        for (Scenario scenario : all) {
            List<String> problems = replay(scenario, queries);
            out.println((problems.isEmpty() ? "PASS " : "FAIL ") + scenario.file().getFileName() + ": " + scenario.description());
            problems.forEach(p -> out.println("     " + p));
            failed += problems.isEmpty() ? 0 : 1;
            out.flush();
        }
        out.println((all.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private List<String> replay(Scenario scenario, BrokerQueries queries) throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String chain = "verify-" + run;
        Rename rename = new Rename(run);
        for (CloudEvent given : scenario.given()) {
            if (given.getSubject() == null) {
                return List.of("given " + given.getId() + " has no subject: live replay needs commands, not events");
            }
            String error = post(rename.command(given, chain));
            if (error != null) {
                return List.of("given " + given.getType() + ": " + error);
            }
        }
        CloudEvent when = rename.command(scenario.when(), chain);
        String error = post(when);
        if (error != null) {
            return List.of("when " + when.getType() + ": " + error);
        }
        List<JsonNode> expected = scenario.then().stream().map(rename::expectation).toList();
        List<CloudEvent> emitted = List.of();
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            emitted = emittedBy(when.getId(), chain, queries);
            if (emitted.size() >= expected.size()) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return ScenarioExpectations.mismatches(expected, emitted, JSON);
    }

    private static List<CloudEvent> emittedBy(String commandId, String chain, BrokerQueries queries) {
        List<CloudEvent> events = new ArrayList<>();
        for (JsonNode entry : queries.events(Map.of("correlationid", chain), 0, 0)) {
            JsonNode event = entry.path("event");
            if (commandId.equals(event.path("causationid").asText(null))) {
                try {
                    events.add(CLOUDEVENTS_JSON.deserialize(JSON.writeValueAsBytes(event)));
                } catch (IOException e) {
                    throw new CliException("the broker logged an event that is not a CloudEvent: " + e.getMessage());
                }
            }
        }
        return events;
    }

    private String post(CloudEvent event) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30));
        byte[][] body = new byte[1][];
        HttpMessageFactory.createWriter(request::header, bytes -> body[0] = bytes).writeBinary(event);
        request.POST(HttpRequest.BodyPublishers.ofByteArray(body[0] == null ? new byte[0] : body[0]));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 == 2 ? null : "answered " + response.statusCode() + ": " + response.body();
        } catch (IOException e) {
            throw new CliException("cannot reach the function at " + url + ": " + e);
        }
    }

    /**
     * Fresh ids and subjects for one run, applied to commands and to expectations alike. A data
     * member whose whole value is a renamed subject names that same actor (the barista's
     * assignment names the machine it goes to), so it is renamed too.
     */
    private static final class Rename {
        private final String run;
        private final Map<String, String> names = new java.util.HashMap<>();
        private final java.util.Set<String> subjects = new java.util.HashSet<>();

        Rename(String run) {
            this.run = run;
        }

        private String fresh(String original) {
            return names.computeIfAbsent(original, o -> o + "-" + run);
        }

        CloudEvent command(CloudEvent event, String chain) {
            CloudEventBuilder builder = CloudEventBuilder.from(event).withId(fresh(event.getId()))
                    .withExtension("correlationid", chain);
            if (event.getSubject() != null) {
                subjects.add(event.getSubject());
                builder.withSubject(fresh(event.getSubject()));
            }
            if (event.getData() != null) {
                try {
                    JsonNode data = JSON.readTree(event.getData().toBytes());
                    builder.withData(event.getDataContentType(), JSON.writeValueAsBytes(renameSubjectsIn(data)));
                } catch (IOException notJson) {
                    // Data that is not JSON is sent as it is.
                }
            }
            return builder.build();
        }

        /** Replaces every text value that is a subject seen in this run, at any depth. */
        private JsonNode renameSubjectsIn(JsonNode node) {
            if (node.isTextual() && subjects.contains(node.asText())) {
                return TextNode.valueOf(fresh(node.asText()));
            }
            if (node.isObject()) {
                ObjectNode copy = ((ObjectNode) node).deepCopy();
                List<String> keys = new ArrayList<>();
                copy.fieldNames().forEachRemaining(keys::add);
                keys.forEach(key -> copy.set(key, renameSubjectsIn(copy.get(key))));
                return copy;
            }
            if (node.isArray()) {
                com.fasterxml.jackson.databind.node.ArrayNode copy = JSON.createArrayNode();
                node.forEach(element -> copy.add(renameSubjectsIn(element)));
                return copy;
            }
            return node;
        }

        JsonNode expectation(JsonNode expected) {
            ObjectNode copy = expected.deepCopy();
            Iterator<Map.Entry<String, JsonNode>> fields = copy.fields();
            List<Map.Entry<String, JsonNode>> updates = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getKey().equals("data") && !field.getKey().equals("type") && field.getValue().isTextual()) {
                    // Whole path segments only: "cmd-1" must not rename part of "cmd-10".
                    String[] segments = field.getValue().asText().split("/", -1);
                    for (int i = 0; i < segments.length; i++) {
                        segments[i] = names.getOrDefault(segments[i], segments[i]);
                    }
                    String value = String.join("/", segments);
                    if (field.getKey().equals("correlationid")) {
                        value = "verify-" + run;
                    }
                    updates.add(Map.entry(field.getKey(), TextNode.valueOf(value)));
                }
            }
            updates.forEach(u -> copy.set(u.getKey(), u.getValue()));
            if (copy.has("data")) {
                copy.set("data", renameSubjectsIn(copy.get("data")));
            }
            return copy;
        }
    }
}

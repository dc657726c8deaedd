package io.ripple.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads scenario files ({@code *.json}) from a directory. A malformed file fails with its
 * path and the member at fault, so a typo in a scenario never passes silently.
 */
public final class ScenarioFiles {

    private static final JsonFormat CLOUDEVENTS_JSON = new JsonFormat();

    private final ObjectMapper mapper;

    public ScenarioFiles(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Every scenario below {@code directory}, sorted by path. */
    public List<Scenario> readAll(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no scenario directory at " + directory.toAbsolutePath());
        }
        try (Stream<Path> files = Files.walk(directory)) {
            List<Scenario> scenarios = files.filter(f -> f.toString().endsWith(".json")).sorted().map(this::read)
                    .toList();
            if (scenarios.isEmpty()) {
                throw new IllegalArgumentException("no *.json scenario in " + directory.toAbsolutePath());
            }
            return scenarios;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One scenario file. */
    public Scenario read(Path file) {
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not JSON: " + e.getMessage(), e);
        }
        String description = root.path("description").asText(file.getFileName().toString());
        List<CloudEvent> given = new ArrayList<>();
        JsonNode givenNode = root.path("given");
        if (!givenNode.isMissingNode() && !givenNode.isArray()) {
            throw new IllegalArgumentException(file + ": 'given' must be an array of CloudEvents");
        }
        for (int i = 0; i < givenNode.size(); i++) {
            given.add(cloudEvent(file, "given[" + i + "]", givenNode.get(i)));
        }
        if (!root.has("when")) {
            throw new IllegalArgumentException(file + ": 'when' (the command under test) is missing");
        }
        CloudEvent when = cloudEvent(file, "when", root.get("when"));
        JsonNode thenNode = root.path("then");
        if (!thenNode.isArray()) {
            throw new IllegalArgumentException(file + ": 'then' must be an array of expected events");
        }
        List<JsonNode> then = new ArrayList<>();
        for (int i = 0; i < thenNode.size(); i++) {
            JsonNode expected = thenNode.get(i);
            if (!expected.hasNonNull("type")) {
                throw new IllegalArgumentException(file + ": then[" + i + "] has no 'type'");
            }
            then.add(expected);
        }
        return new Scenario(file, description, given, when, then);
    }

    private CloudEvent cloudEvent(Path file, String member, JsonNode node) {
        try {
            return CLOUDEVENTS_JSON.deserialize(mapper.writeValueAsBytes(node));
        } catch (EventDeserializationException | IOException | IllegalStateException e) {
            throw new IllegalArgumentException(file + ": " + member + " is not a valid CloudEvent: " + e.getMessage(), e);
        }
    }
}

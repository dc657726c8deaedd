package io.ripple.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Validates custom resources against the {@code openAPIV3Schema} of their
 * CustomResourceDefinition, the way the Kubernetes API server would with strict field
 * validation.
 *
 * <p>Kubernetes prunes or rejects fields a structural schema does not declare unless the
 * subtree says {@code x-kubernetes-preserve-unknown-fields: true}; plain JSON Schema allows
 * them. So before use every object schema that declares {@code properties} (and neither
 * preserves unknown fields nor sets {@code additionalProperties}) gets
 * {@code additionalProperties: false}. {@code apiVersion}, {@code kind} and {@code metadata},
 * implicit in every CRD, are added to the root; metadata itself is left to the fabric8 model.
 * Subtrees that preserve unknown fields (e.g. {@code Trigger.spec}) stay open here, which is
 * why {@link ManifestSet} also reads every resource into fabric8's typed model.
 */
public final class CrdSchemaValidator {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String PRESERVE_UNKNOWN = "x-kubernetes-preserve-unknown-fields";
    private static final String EMBEDDED_RESOURCE = "x-kubernetes-embedded-resource";

    /** group/kind -> (version -> schema); versions that are not served map to nothing. */
    private final Map<String, Map<String, Optional<Schema>>> schemas;
    private final Path directory;

    private CrdSchemaValidator(Path directory, Map<String, Map<String, Optional<Schema>>> schemas) {
        this.directory = directory;
        this.schemas = schemas;
    }

    /**
     * Loads every CustomResourceDefinition in {@code directory} ({@code *.yaml}, one or more
     * documents each; other kinds are ignored).
     *
     * @throws IllegalArgumentException when the directory does not exist or holds no CRD
     * @throws UncheckedIOException     when a file cannot be read or parsed
     */
    public static CrdSchemaValidator load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("CRD directory " + directory + " does not exist");
        }
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        Map<String, Map<String, Optional<Schema>>> schemas = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        for (Path file : files) {
            for (JsonNode crd : readDocuments(file)) {
                if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) {
                    continue;
                }
                String groupKind = crd.path("spec").path("group").asText() + "/"
                        + crd.path("spec").path("names").path("kind").asText();
                Map<String, Optional<Schema>> versions = schemas.computeIfAbsent(groupKind, k -> new TreeMap<>());
                for (JsonNode version : crd.path("spec").path("versions")) {
                    JsonNode openApi = version.path("schema").path("openAPIV3Schema");
                    Optional<Schema> schema = version.path("served").asBoolean(false) && openApi.isObject()
                            ? Optional.of(registry.getSchema(strictRoot(openApi)))
                            : Optional.empty();
                    versions.put(version.path("name").asText(), schema);
                }
            }
        }
        if (schemas.isEmpty()) {
            throw new IllegalArgumentException("no CustomResourceDefinition found in " + directory);
        }
        return new CrdSchemaValidator(directory, schemas);
    }

    /** Whether a CRD in the directory defines this {@code apiVersion}'s group and kind. */
    public boolean covers(String apiVersion, String kind) {
        return schemas.containsKey(groupOf(apiVersion) + "/" + kind);
    }

    /** {@code group/Kind} of every CRD loaded, for reports. */
    public List<String> groupKinds() {
        return List.copyOf(schemas.keySet());
    }

    /**
     * Problems of one resource against its CRD's schema; empty when it conforms or when no
     * CRD covers its kind (check {@link #covers} to tell the two apart).
     */
    public List<Problem> validate(Manifest manifest) {
        Map<String, Optional<Schema>> versions = schemas.get(groupOf(manifest.apiVersion()) + "/" + manifest.kind());
        if (versions == null) {
            return List.of();
        }
        String version = versionOf(manifest.apiVersion());
        Optional<Schema> schema = versions.getOrDefault(version, Optional.empty());
        if (schema.isEmpty()) {
            List<String> served = versions.entrySet().stream()
                    .filter(e -> e.getValue().isPresent()).map(Map.Entry::getKey).collect(Collectors.toList());
            return List.of(manifest.problem("apiVersion", "version " + version + " of " + manifest.kind()
                    + " is not served by the CRD in " + directory + " (served: " + String.join(", ", served) + ")"));
        }
        List<Problem> problems = new ArrayList<>();
        for (Error error : schema.get().validate(manifest.raw())) {
            problems.add(manifest.problem(fieldPathOf(error), "CRD schema: " + messageOf(error)));
        }
        return problems;
    }

    /** The error's location in the same dotted form {@link ManifestSet} uses: {@code spec.from[0].sub}. */
    private static String fieldPathOf(Error error) {
        NodePath location = error.getInstanceLocation();
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(element);
            }
        }
        if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
            path.append(path.length() == 0 ? "" : ".").append(error.getProperty());
        }
        return path.toString();
    }

    private static String messageOf(Error error) {
        if ("additionalProperties".equals(error.getKeyword())) {
            return "unknown field (the CRD schema does not declare it)";
        }
        // networknt prefixes the message with the location, which the problem already names
        String message = error.getMessage();
        String prefix = error.getInstanceLocation() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static List<JsonNode> readDocuments(Path file) {
        try {
            return YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(file)).readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CRD file " + file, e);
        }
    }

    private static JsonNode strictRoot(JsonNode openApi) {
        ObjectNode root = openApi.deepCopy();
        withTypeMeta(root);
        strict(root);
        return root;
    }

    private static void withTypeMeta(ObjectNode schema) {
        ObjectNode properties = schema.has("properties")
                ? (ObjectNode) schema.get("properties") : schema.putObject("properties");
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (!properties.has("apiVersion")) {
            properties.set("apiVersion", json.objectNode().put("type", "string"));
        }
        if (!properties.has("kind")) {
            properties.set("kind", json.objectNode().put("type", "string"));
        }
        if (!properties.has("metadata")) {
            properties.set("metadata", json.objectNode().put("type", "object"));
        }
    }

    /** Applies Kubernetes' structural-schema rule: undeclared fields are errors unless preserved. */
    private static void strict(JsonNode node) {
        if (!(node instanceof ObjectNode schema)) {
            return;
        }
        if (schema.path(EMBEDDED_RESOURCE).asBoolean(false)) {
            withTypeMeta(schema);
        }
        if (schema.has("properties") && !schema.path(PRESERVE_UNKNOWN).asBoolean(false)
                && !schema.has("additionalProperties")) {
            schema.put("additionalProperties", false);
        }
        schema.path("properties").forEach(CrdSchemaValidator::strict);
        strict(schema.path("items"));
        strict(schema.path("additionalProperties"));
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            schema.path(combinator).forEach(CrdSchemaValidator::strict);
        }
    }

    private static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static String versionOf(String apiVersion) {
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }
}

package io.ripple.manifests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The resources of one deployable unit (a kustomize base directory, or one rendered
 * overlay), read into fabric8's typed model, plus every problem met while reading them.
 *
 * <p>Reading is strict in the way {@code kubectl apply --validate=strict} is: a field the
 * model does not know, a value of the wrong type, an unsupported {@code apiVersion}/{@code kind}
 * or a missing name is a problem, never silently dropped. {@code kustomization.yaml} is a
 * kustomize instruction, not a resource, and is skipped.
 */
public final class ManifestSet {

    private static final String KUSTOMIZATION = "kustomization.yaml";

    private final List<Manifest> manifests;
    private final List<Problem> loadProblems;

    private ManifestSet(List<Manifest> manifests, List<Problem> loadProblems) {
        this.manifests = List.copyOf(manifests);
        this.loadProblems = List.copyOf(loadProblems);
    }

    /**
     * Reads every {@code *.yaml}/{@code *.yml} file directly in {@code directory} (not in
     * subdirectories: an overlay is its own unit), except {@code kustomization.yaml}.
     *
     * @throws UncheckedIOException when the directory cannot be listed or a file cannot be read
     */
    public static ManifestSet readDirectory(Path directory) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(file -> isYaml(file.getFileName().toString()))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list manifests in " + directory, e);
        }
        Builder builder = new Builder();
        for (Path file : files) {
            try {
                builder.add(file.toString(), Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return builder.build();
    }

    /**
     * Reads a multi-document YAML stream, e.g. the output of {@code kubectl kustomize}.
     *
     * @param source how problems name where the text came from
     */
    public static ManifestSet readYaml(String source, String yaml) {
        Builder builder = new Builder();
        builder.add(source, yaml);
        return builder.build();
    }

    /** Every resource that could be read. */
    public List<Manifest> manifests() {
        return manifests;
    }

    /** Problems met while reading: YAML syntax, unknown kinds, unknown fields, wrong types. */
    public List<Problem> loadProblems() {
        return loadProblems;
    }

    /** The resources of one fabric8 model type, e.g. {@code ofType(Trigger.class)}. */
    public <T extends HasMetadata> List<Typed<T>> ofType(Class<T> type) {
        return manifests.stream()
                .filter(manifest -> type.isInstance(manifest.resource()))
                .map(manifest -> new Typed<>(manifest, type.cast(manifest.resource())))
                .collect(Collectors.toList());
    }

    /** The resource of this kind, namespace and name, if the set holds it. */
    public Optional<Manifest> find(String kind, String namespace, String name) {
        return manifests.stream()
                .filter(m -> m.kind().equals(kind) && m.name().equals(name) && m.namespace().equals(namespace))
                .findFirst();
    }

    /**
     * A manifest together with its resource already cast to the model type.
     *
     * @param manifest where it came from
     * @param resource the typed resource
     * @param <T>      the fabric8 model type
     */
    public record Typed<T extends HasMetadata>(Manifest manifest, T resource) {
    }

    private static boolean isYaml(String fileName) {
        return !fileName.equals(KUSTOMIZATION) && (fileName.endsWith(".yaml") || fileName.endsWith(".yml"));
    }

    /** Accumulates manifests and problems document by document. */
    private static final class Builder {

        // fabric8 models carry Jackson annotations only; a plain YAML mapper reads them.
        // Unknown fields never fail here (the models have @JsonAnySetter); UnknownFields finds them.
        private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

        private final UnknownFields unknownFields = new UnknownFields(YAML);
        private final List<Manifest> manifests = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();

        void add(String source, String yaml) {
            try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
                int index = 0;
                while (documents.hasNextValue()) {
                    JsonNode document = documents.nextValue();
                    index++;
                    if (document != null && !document.isNull() && !document.isMissingNode()) {
                        addDocument(source, index, document);
                    }
                }
            } catch (JsonProcessingException e) {
                problems.add(new Problem(source, "-", "", "not valid YAML: " + e.getOriginalMessage()
                        + locationOf(e)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source, e);
            }
        }

        private void addDocument(String source, int index, JsonNode document) {
            String where = "document " + index;
            if (!document.isObject()) {
                problems.add(new Problem(source, where, "", "a resource must be a YAML mapping"));
                return;
            }
            String apiVersion = document.path("apiVersion").asText("");
            String kind = document.path("kind").asText("");
            String name = document.path("metadata").path("name").asText("");
            String resource = (kind.isEmpty() ? where : kind) + "/" + name;
            if (apiVersion.isEmpty() || kind.isEmpty()) {
                problems.add(new Problem(source, resource, apiVersion.isEmpty() ? "apiVersion" : "kind",
                        "missing; every resource needs apiVersion and kind"));
                return;
            }
            if (name.isEmpty()) {
                problems.add(new Problem(source, resource, "metadata.name", "missing"));
                return;
            }
            Optional<Class<? extends HasMetadata>> model = ManifestKinds.modelOf(apiVersion, kind);
            if (model.isEmpty()) {
                problems.add(new Problem(source, resource, "apiVersion",
                        "unsupported " + apiVersion + " " + kind + "; supported: " + ManifestKinds.supported()));
                return;
            }
            HasMetadata typed;
            try {
                typed = YAML.treeToValue(document, model.get());
            } catch (JsonMappingException e) {
                problems.add(new Problem(source, resource, pathOf(e), "wrong type: " + e.getOriginalMessage()));
                return;
            } catch (JsonProcessingException e) {
                problems.add(new Problem(source, resource, "", e.getOriginalMessage()));
                return;
            }
            Manifest manifest = new Manifest(source, document, typed);
            for (String unknown : unknownFields.in(typed)) {
                problems.add(manifest.problem(unknown, "unknown field (not in the fabric8 "
                        + model.get().getSimpleName() + " model)"));
            }
            manifests.add(manifest);
        }

        ManifestSet build() {
            return new ManifestSet(manifests, problems);
        }

        private static String pathOf(JsonMappingException e) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference reference : e.getPath()) {
                if (reference.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            return path.toString();
        }

        private static String locationOf(JsonProcessingException e) {
            return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
        }
    }
}

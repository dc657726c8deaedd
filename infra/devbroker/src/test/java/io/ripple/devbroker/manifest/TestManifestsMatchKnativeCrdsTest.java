package io.ripple.devbroker.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.ripple.devbroker.support.BrokerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifests the tests run the broker with are real Knative resources: each Broker, Trigger
 * and Knative Service validates against Knative's own CRD schema ({@code ripple.crds.dir}), so
 * the broker is tested on input a cluster would accept.
 */
class TestManifestsMatchKnativeCrdsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Schema> SCHEMAS = new HashMap<>();

    @BeforeAll
    static void loadCrds() throws IOException {
        Path crds = Path.of(System.getProperty("ripple.crds.dir", "../../../shared/knative-crds"));
        assertThat(crds).as("Knative CRDs (set ripple.crds.dir)").isDirectory();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        for (String file : List.of("broker.yaml", "trigger.yaml", "service.yaml")) {
            for (JsonNode crd : documents(crds.resolve(file))) {
                String group = crd.path("spec").path("group").asText();
                String kind = crd.path("spec").path("names").path("kind").asText();
                for (JsonNode version : crd.path("spec").path("versions")) {
                    JsonNode schema = version.path("schema").path("openAPIV3Schema");
                    if (version.path("name").asText().equals("v1") && !schema.isMissingNode()) {
                        SCHEMAS.put(group + "/v1/" + kind, registry.getSchema(YAML.writeValueAsString(schema),
                                com.networknt.schema.InputFormat.YAML));
                    }
                }
            }
        }
        assertThat(SCHEMAS).containsKeys("eventing.knative.dev/v1/Broker", "eventing.knative.dev/v1/Trigger",
                "serving.knative.dev/v1/Service");
    }

    @Test
    void everyTestManifestValidatesAgainstItsCrd() throws IOException {
        List<String> problems = new ArrayList<>();
        int validated = 0;
        Path root = BrokerProcess.manifestsDir("contract").getParent();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode resource : documents(file)) {
                    Schema schema = SCHEMAS.get(resource.path("apiVersion").asText() + "/"
                            + resource.path("kind").asText());
                    if (schema == null) {
                        continue;
                    }
                    validated++;
                    for (Error error : schema.validate(resource)) {
                        problems.add(root.relativize(file) + ": " + error.getInstanceLocation() + " "
                                + error.getMessage());
                    }
                }
            }
        }
        assertThat(validated).isGreaterThan(30);
        assertThat(problems).isEmpty();
    }

    @Test
    void aManifestAKnativeClusterWouldRejectFailsValidation() throws IOException {
        JsonNode trigger = YAML.readTree("""
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: bad
                spec:
                  broker: default
                  delivery:
                    retry: many
                  subscriber:
                    uri: http://127.0.0.1:9
                """);

        assertThat(SCHEMAS.get("eventing.knative.dev/v1/Trigger").validate(trigger)).isNotEmpty();
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var iterator = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (iterator.hasNext()) {
                JsonNode node = (JsonNode) iterator.next();
                if (node != null && node.isObject()) {
                    documents.add(node);
                }
            }
        }
        return documents;
    }
}

package io.ripple.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrdSchemaValidatorTest {

    private static CrdSchemaValidator crds;

    @BeforeAll
    static void load() {
        crds = CrdSchemaValidator.load(RepoPaths.crds());
    }

    private static Manifest only(String yaml) {
        ManifestSet set = ManifestSet.readYaml("test.yaml", yaml);
        assertThat(set.manifests()).hasSize(1);
        return set.manifests().get(0);
    }

    @Test
    void loadsEveryKnativeCrdInTheSharedDirectory() {
        assertThat(crds.groupKinds()).contains("eventing.knative.dev/Broker", "eventing.knative.dev/Trigger",
                "eventing.knative.dev/EventPolicy", "serving.knative.dev/Service", "sources.knative.dev/SinkBinding",
                "flows.knative.dev/Sequence", "flows.knative.dev/Parallel");
        assertThat(crds.covers("eventing.knative.dev/v1alpha1", "KafkaSink")).isFalse();
        assertThat(crds.covers("v1", "ConfigMap")).isFalse();
    }

    @Test
    void preservedSubtreeAcceptsFieldsTheSchemaDoesNotList() {
        // Trigger.spec is x-kubernetes-preserve-unknown-fields: the API server keeps such fields
        Manifest trigger = only("""
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {name: t}
                spec: {broker: default, somethingNew: true}
                """);

        assertThat(crds.validate(trigger)).isEmpty();
    }

    @Test
    void undeclaredFieldInAStructuralSubtreeIsAProblem() {
        Manifest broker = only("""
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata: {name: b}
                spec: {confg: {}}
                """);

        assertThat(crds.validate(broker)).containsExactly(new Problem("test.yaml", "Broker/b", "spec.confg",
                "CRD schema: unknown field (the CRD schema does not declare it)"));
    }

    @Test
    void quotedNumberIsAProblemEvenThoughTheModelCoercesIt() {
        // Jackson turns "5" into 5 for fabric8; the API server rejects a string where the schema says integer
        Manifest broker = only("""
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata: {name: b}
                spec: {delivery: {retry: "5"}}
                """);

        assertThat(crds.validate(broker)).singleElement().satisfies(p -> {
            assertThat(p.fieldPath()).isEqualTo("spec.delivery.retry");
            assertThat(p.message()).startsWith("CRD schema: ").contains("integer");
        });
    }

    @Test
    void versionTheCrdDoesNotServeIsAProblem(@TempDir Path temp) throws IOException {
        String crd = Files.readString(RepoPaths.crds().resolve("broker.yaml"))
                .replace("  - name: v1\n    served: true", "  - name: v1\n    served: false");
        Files.writeString(temp.resolve("broker.yaml"), crd);
        Manifest broker = only("""
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata: {name: b}
                """);

        assertThat(CrdSchemaValidator.load(temp).validate(broker)).singleElement().satisfies(p -> {
            assertThat(p.fieldPath()).isEqualTo("apiVersion");
            assertThat(p.message()).startsWith("version v1 of Broker is not served by the CRD in " + temp);
        });
    }

    @Test
    void missingCrdDirectoryIsAClearError(@TempDir Path temp) {
        assertThatThrownBy(() -> CrdSchemaValidator.load(temp.resolve("nowhere")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CRD directory " + temp.resolve("nowhere") + " does not exist");
        assertThatThrownBy(() -> CrdSchemaValidator.load(temp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no CustomResourceDefinition found in " + temp);
    }
}

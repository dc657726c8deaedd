package io.ripple.devbroker.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.ripple.devbroker.support.BrokerProcess;
import io.ripple.devbroker.topology.BackoffPolicy;
import io.ripple.devbroker.topology.ServiceReference;
import io.ripple.devbroker.topology.Topology;
import io.ripple.devbroker.topology.TriggerDefinition;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {

    private static final String BROKER = """
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata:
              name: default
              namespace: ripple
            """;

    @TempDir
    Path dir;

    @Test
    void contractManifestsGiveTheCoffeeMachineMailbox() {
        Topology topology = new ManifestLoader().load(BrokerProcess.manifestsDir("contract"));

        assertThat(topology.brokers()).containsOnlyKeys("ripple/default");
        assertThat(topology.services()).containsKey("ripple/coffee-machine");
        TriggerDefinition trigger = topology.triggers().get(0);
        assertThat(trigger.key()).isEqualTo("ripple/coffee-machine");
        assertThat(trigger.ordered()).isTrue();
        assertThat(trigger.subscriber().ref()).isEqualTo(new ServiceReference("ripple", "coffee-machine"));
        assertThat(trigger.delivery().retry()).isEqualTo(5);
        assertThat(trigger.delivery().backoffPolicy()).isEqualTo(BackoffPolicy.EXPONENTIAL);
        assertThat(trigger.delivery().backoffDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(trigger.delivery().deadLetterSink().isDeadLetterStore()).as("KafkaSink kept locally").isTrue();
        assertThat(trigger.delivery().deadLetterSink().toString()).contains("KafkaSink ripple/ripple-dead-letters");
        assertThat(trigger.filter().test(event("coffee.machine.brew"))).isTrue();
        assertThat(trigger.filter().test(event("coffee.machine.brew-started"))).isFalse();
    }

    @Test
    void kustomizationNamespaceAppliesToResourcesWithoutOne() throws IOException {
        write("kustomization.yaml", "namespace: shop\nresources: [broker.yaml]\n");
        write("broker.yaml", BROKER.replace("  namespace: ripple\n", ""));

        assertThat(new ManifestLoader().load(dir).brokers()).containsOnlyKeys("shop/default");
    }

    @Test
    void otherKindsAreSkipped() throws IOException {
        write("broker.yaml", BROKER);
        write("configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  anything: goes\n");
        write("sinkbinding.yaml", "apiVersion: sources.knative.dev/v1\nkind: SinkBinding\nmetadata:\n  name: s\n"
                + "spec:\n  whatever: true\n");

        assertThat(new ManifestLoader().load(dir).brokers()).hasSize(1);
    }

    @Test
    void unknownFieldNamesFileResourceAndField() throws IOException {
        write("broker.yaml", BROKER);
        write("trigger-typo.yaml", trigger("""
                  filters:
                    - exact:
                        type: a
                      prefx:
                        type: b
                """));

        assertThatThrownBy(() -> new ManifestLoader().load(dir)).isInstanceOf(ManifestException.class)
                .hasMessageContaining("trigger-typo.yaml")
                .hasMessageContaining("Trigger typo")
                .hasMessageContaining("spec.filters[0].prefx")
                .hasMessageContaining("unknown field");
    }

    @Test
    void unknownFieldInDeliveryIsRejected() throws IOException {
        write("broker.yaml", BROKER + "spec:\n  delivery:\n    retries: 3\n");

        assertThatThrownBy(() -> new ManifestLoader().load(dir))
                .hasMessageContaining("Broker default").hasMessageContaining("spec.delivery.retries");
    }

    @Test
    void wrongTypeIsRejected() throws IOException {
        write("broker.yaml", BROKER + "spec:\n  delivery:\n    retry: many\n");

        assertThatThrownBy(() -> new ManifestLoader().load(dir)).hasMessageContaining("spec.delivery.retry");
    }

    @Test
    void invalidBackoffDelayIsRejected() throws IOException {
        write("broker.yaml", BROKER);
        write("trigger.yaml", trigger("  delivery:\n    backoffDelay: 200ms\n"));

        assertThatThrownBy(() -> new ManifestLoader().load(dir))
                .hasMessageContaining("Trigger ripple/typo").hasMessageContaining("spec.delivery.backoffDelay")
                .hasMessageContaining("ISO-8601");
    }

    @Test
    void invalidBackoffPolicyIsRejected() throws IOException {
        write("broker.yaml", BROKER);
        write("trigger.yaml", trigger("  delivery:\n    backoffPolicy: fibonacci\n"));

        assertThatThrownBy(() -> new ManifestLoader().load(dir)).hasMessageContaining("spec.delivery.backoffPolicy");
    }

    @Test
    void invalidCesqlIsRejected() throws IOException {
        write("broker.yaml", BROKER);
        write("trigger.yaml", trigger("  filters:\n    - cesql: \"type = \"\n"));

        assertThatThrownBy(() -> new ManifestLoader().load(dir)).hasMessageContaining("spec.filters[0].cesql");
    }

    @Test
    void exactWithTwoAttributesIsRejected() throws IOException {
        write("broker.yaml", BROKER);
        write("trigger.yaml", trigger("  filters:\n    - exact:\n        type: a\n        source: b\n"));

        assertThatThrownBy(() -> new ManifestLoader().load(dir)).hasMessageContaining("spec.filters[0].exact")
                .hasMessageContaining("exactly one");
    }

    @Test
    void filterWithTwoDialectsIsRejected() throws IOException {
        write("broker.yaml", BROKER);
        write("trigger.yaml", trigger("  filters:\n    - exact:\n        type: a\n      prefix:\n        type: b\n"));

        assertThatThrownBy(() -> new ManifestLoader().load(dir)).hasMessageContaining("spec.filters[0]")
                .hasMessageContaining("exact, prefix");
    }

    @Test
    void triggerOfAnUnknownBrokerIsRejected() throws IOException {
        write("trigger.yaml", trigger(""));

        assertThatThrownBy(() -> new ManifestLoader().load(dir)).hasMessageContaining("spec.broker")
                .hasMessageContaining("'default'");
    }

    @Test
    void subscriberRefToAnotherKindIsRejected() throws IOException {
        write("broker.yaml", BROKER);
        write("trigger.yaml", BROKER.replace("Broker", "Trigger").replace("name: default", "name: typo")
                + "spec:\n  broker: default\n  subscriber:\n    ref:\n      apiVersion: v1\n      kind: Pod\n"
                + "      name: p\n");

        assertThatThrownBy(() -> new ManifestLoader().load(dir)).hasMessageContaining("spec.subscriber.ref");
    }

    @Test
    void relativeUriWithoutRefIsRejected() throws IOException {
        write("broker.yaml", BROKER);
        write("trigger.yaml", BROKER.replace("Broker", "Trigger").replace("name: default", "name: typo")
                + "spec:\n  broker: default\n  subscriber:\n    uri: /relative\n");

        assertThatThrownBy(() -> new ManifestLoader().load(dir)).hasMessageContaining("spec.subscriber.uri");
    }

    @Test
    void invalidOrderAnnotationIsRejected() throws IOException {
        write("broker.yaml", BROKER);
        write("trigger.yaml", trigger("").replace("  namespace: ripple\n",
                "  namespace: ripple\n  annotations:\n    kafka.eventing.knative.dev/delivery.order: sorted\n"));

        assertThatThrownBy(() -> new ManifestLoader().load(dir)).hasMessageContaining("delivery.order");
    }

    @Test
    void missingDirectoryIsAClearError() {
        assertThatThrownBy(() -> new ManifestLoader().load(dir.resolve("nope")))
                .hasMessageContaining("does not exist").hasMessageContaining("ripple.broker.manifests");
    }

    @Test
    void invalidYamlNamesTheFile() throws IOException {
        write("broken.yaml", "apiVersion: [unclosed\n");

        assertThatThrownBy(() -> new ManifestLoader().load(dir)).hasMessageContaining("broken.yaml");
    }

    private static String trigger(String specTail) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: typo
                  namespace: ripple
                spec:
                  broker: default
                  subscriber:
                    uri: http://127.0.0.1:9/x
                """ + specTail;
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    private static io.cloudevents.CloudEvent event(String type) {
        return CloudEventBuilder.v1().withId("1").withSource(URI.create("/t")).withType(type).build();
    }
}

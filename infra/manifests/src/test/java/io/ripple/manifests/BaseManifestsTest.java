package io.ripple.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.sources.v1.SinkBinding;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BaseManifestsTest {

    private static ManifestSet base;
    private static ValidationReport report;

    @BeforeAll
    static void validateBase() {
        base = ManifestSet.readDirectory(RepoPaths.knativeBase());
        report = ManifestValidator.withCrds(RepoPaths.crds()).validate(base);
    }

    @Test
    void baseHasNoProblem() {
        assertThat(report.problems()).isEmpty();
        assertThat(base.manifests()).extracting(Manifest::kind)
                .contains("Broker", "Trigger", "Service", "SinkBinding", "EventPolicy", "KafkaSink");
    }

    @Test
    void onlyTheKafkaSinkLacksACrdSchema() {
        assertThat(report.notes()).containsExactly(
                "eventing.knative.dev/v1alpha1 KafkaSink: no CRD schema at hand, checked with the fabric8 model only");
    }

    @Test
    void everyFileHoldsOneResourceNamedAfterItsKindAndName() throws IOException {
        List<String> files = resourceFiles();
        assertThat(base.manifests()).hasSameSizeAs(files);
        for (Manifest manifest : base.manifests()) {
            String expected = manifest.kind().toLowerCase(Locale.ROOT) + "-" + manifest.name() + ".yaml";
            assertThat(Path.of(manifest.file()).getFileName().toString()).as(manifest.id()).isEqualTo(expected);
        }
    }

    @Test
    void kustomizationListsExactlyTheResourceFiles() throws IOException {
        List<String> listed = new ArrayList<>();
        new ObjectMapper(new YAMLFactory()).readTree(RepoPaths.knativeBase().resolve("kustomization.yaml").toFile())
                .path("resources").forEach(entry -> listed.add(entry.asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(resourceFiles());
    }

    @Test
    void everyResourceCarriesTheCommonLabels() {
        for (Manifest manifest : base.manifests()) {
            Map<String, String> labels = manifest.resource().getMetadata().getLabels();
            assertThat(labels).as(manifest.id())
                    .containsEntry("app.kubernetes.io/part-of", "ripple")
                    .containsKey("app.kubernetes.io/name");
        }
    }

    @Test
    void coffeeMachineMailboxSelectsExactlyItsCommands() {
        Trigger trigger = base.ofType(Trigger.class).stream()
                .filter(t -> t.manifest().name().equals("coffee-machine")).findFirst().orElseThrow().resource();
        List<String> types = trigger.getSpec().getFilters().get(0).getAny().stream()
                .map(filter -> filter.getExact().get("type")).collect(Collectors.toList());
        assertThat(types).containsExactly("coffee.machine.initialize", "coffee.machine.brew",
                "coffee.machine.finish-brewing", "coffee.machine.power-off", "coffee.machine.check-brewing",
                "coffee.barista.order-assigned", "coffee.supervisor.machine-reset-requested");
        assertThat(trigger.getSpec().getDelivery().getRetry()).isEqualTo(5);
        assertThat(trigger.getSpec().getDelivery().getBackoffPolicy()).isEqualTo("exponential");
        assertThat(trigger.getSpec().getDelivery().getBackoffDelay()).isEqualTo("PT0.2S");
    }

    @Test
    void everyActorIsBoundToTheBrokerAndTheEventStore() {
        SinkBinding binding = base.ofType(SinkBinding.class).get(0).resource();
        Map<String, String> selector = binding.getSpec().getSubject().getSelector().getMatchLabels();
        assertThat(binding.getSpec().getSink().getRef().getKind()).isEqualTo("Broker");
        // Everything that sends to the broker gets K_SINK; what reads the store gets its secret.
        List<ManifestSet.Typed<Service>> senders = base.ofType(Service.class).stream()
                .filter(s -> !s.manifest().name().equals("insights")).toList();
        assertThat(senders).extracting(s -> s.manifest().name()).contains("hardware-simulator", "timer-service");
        for (ManifestSet.Typed<Service> sender : senders) {
            assertThat(sender.resource().getMetadata().getLabels()).as(sender.manifest().id())
                    .containsAllEntriesOf(selector);
        }
        List<ManifestSet.Typed<Service>> actors = base.ofType(Service.class).stream()
                .filter(s -> "actor".equals(s.resource().getMetadata().getLabels().get("app.kubernetes.io/component"))
                        || s.manifest().name().equals("timer-service")).toList();
        assertThat(actors).extracting(s -> s.manifest().name())
                .containsExactlyInAnyOrder("coffee-machine", "order", "barista", "supervisor", "timer-service");
        for (ManifestSet.Typed<Service> actor : actors) {
            Container container = actor.resource().getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, String> secretKeys = container.getEnv().stream()
                    .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                    .collect(Collectors.toMap(EnvVar::getName, env -> env.getValueFrom().getSecretKeyRef().getName()
                            + "/" + env.getValueFrom().getSecretKeyRef().getKey()));
            assertThat(secretKeys).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "RIPPLE_STORE_URL", "ripple-event-store/url",
                    "RIPPLE_STORE_USER", "ripple-event-store/user",
                    "RIPPLE_STORE_PASSWORD", "ripple-event-store/password"));
            assertThat(container.getEnvFrom()).extracting(source -> source.getConfigMapRef().getName())
                    .containsExactly("ripple-observability");
        }
    }

    @Test
    void deadLettersReachTheSupervisorExceptFromTriggersItFeeds() {
        Map<String, String> sinks = base.ofType(Trigger.class).stream().collect(Collectors.toMap(
                t -> t.manifest().name(), t -> t.resource().getSpec().getDelivery().getDeadLetterSink().getRef().getKind()
                        + "/" + t.resource().getSpec().getDelivery().getDeadLetterSink().getRef().getName()));

        // the supervisor's own and insights' (which consumes the supervisor's alerts) would loop
        assertThat(sinks).containsExactlyInAnyOrderEntriesOf(Map.of(
                "coffee-machine", "Service/supervisor", "order", "Service/supervisor", "barista", "Service/supervisor",
                "hardware-simulator", "Service/supervisor", "supervisor", "KafkaSink/ripple-dead-letters",
                "insights", "KafkaSink/ripple-dead-letters"));
    }

    private static List<String> resourceFiles() throws IOException {
        try (Stream<Path> files = Files.list(RepoPaths.knativeBase())) {
            List<String> names = new ArrayList<>();
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .sorted().forEach(names::add);
            return names;
        }
    }
}

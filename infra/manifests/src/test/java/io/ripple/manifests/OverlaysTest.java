package io.ripple.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay renders with {@code kubectl kustomize} and the result is as valid as the base. */
class OverlaysTest {

    private static ManifestValidator validator;
    private static KustomizeRenderer renderer;

    @BeforeAll
    static void setUp() {
        validator = ManifestValidator.withCrds(RepoPaths.crds());
        renderer = new KustomizeRenderer(RequiredTool.require("kubectl").toString());
    }

    static List<Path> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(RepoPaths.repo().resolve("knative/overlays"))) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml"))).sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void thereAreDevAndProdOverlays() throws IOException {
        assertThat(overlays()).extracting(dir -> dir.getFileName().toString()).containsExactly("dev", "prod");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void renderedOverlayHasNoProblem(Path overlay) {
        ValidationReport report = validator.validateKustomization(overlay, renderer);

        assertThat(report.problems()).isEmpty();
        assertThat(report.notes()).hasSize(1).first().asString().startsWith("eventing.knative.dev/v1alpha1 KafkaSink");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void renderedOverlayKeepsEveryBaseResourceAndDropsTheReleaseConfig(Path overlay) {
        ManifestSet rendered = ManifestSet.readYaml(overlay.toString(), renderer.render(overlay));
        ManifestSet base = ManifestSet.readDirectory(RepoPaths.knativeBase());

        assertThat(rendered.manifests()).extracting(Manifest::id)
                .containsExactlyInAnyOrderElementsOf(base.manifests().stream().map(Manifest::id).toList());
        assertThat(rendered.ofType(ConfigMap.class)).extracting(t -> t.manifest().name())
                .doesNotContain("ripple-release");
    }

    @Test
    void devRunsLocallyLoadedImagesWithSmallBounds() {
        ManifestSet dev = ManifestSet.readYaml("dev", renderer.render(RepoPaths.repo().resolve("knative/overlays/dev")));

        Service service = named(dev, "coffee-machine");
        assertThat(service.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("dev.local/ripple/coffee-machine:0.1.0-SNAPSHOT");
        assertThat(service.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("autoscaling.knative.dev/min-scale", "0")
                .containsEntry("autoscaling.knative.dev/max-scale", "2");
    }

    @Test
    void prodRunsReleasedImagesWithReplicatedTopics() {
        ManifestSet prod = ManifestSet.readYaml("prod", renderer.render(RepoPaths.repo().resolve("knative/overlays/prod")));

        Service service = named(prod, "coffee-machine");
        assertThat(service.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ghcr.io/example/ripple/coffee-machine:0.1.0");
        assertThat(service.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("autoscaling.knative.dev/min-scale", "0")
                .containsEntry("autoscaling.knative.dev/max-scale", "20");
        Map<String, String> kafka = prod.ofType(ConfigMap.class).stream()
                .filter(t -> t.manifest().name().equals("kafka-broker-config")).findFirst().orElseThrow()
                .resource().getData();
        assertThat(kafka).containsEntry("default.topic.replication.factor", "3");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceRunsTheOverlaysImagesAndTheTimerServiceStaysOn(Path overlay) {
        ManifestSet rendered = ManifestSet.readYaml(overlay.toString(), renderer.render(overlay));
        String registry = overlay.getFileName().toString().equals("dev") ? "dev.local/ripple/" : "ghcr.io/example/ripple/";

        for (ManifestSet.Typed<Service> typed : rendered.ofType(Service.class)) {
            assertThat(typed.resource().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .as(typed.manifest().id()).startsWith(registry + typed.manifest().name() + ":");
        }
        assertThat(named(rendered, "timer-service").getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("autoscaling.knative.dev/min-scale", "1")
                .containsEntry("autoscaling.knative.dev/max-scale", "1");
    }

    private static Service named(ManifestSet set, String name) {
        return set.ofType(Service.class).stream().filter(t -> t.manifest().name().equals(name)).findFirst()
                .orElseThrow().resource();
    }

    @Test
    void overlayThatBreaksARuleFailsValidation(@TempDir Path temp) throws IOException {
        // a copy of knative/ whose dev overlay pins actors to one warm replica
        Path knative = temp.resolve("knative");
        BrokenCopy.of(RepoPaths.knativeBase(), Files.createDirectories(knative.resolve("base")));
        BrokenCopy dev = BrokenCopy.of(RepoPaths.repo().resolve("knative/overlays/dev"),
                        Files.createDirectories(knative.resolve("overlays/dev")))
                .replace("kustomization.yaml", "autoscaling.knative.dev~1max-scale\n        value: \"2\"",
                        "autoscaling.knative.dev~1min-scale\n        value: \"1\"");

        ValidationReport report = validator.validateKustomization(dev.directory(), renderer);

        // the patch targets every actor
        assertThat(report.problems()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.of("barista", "coffee-machine", "order", "supervisor")
                        .map(actor -> new Problem(dev.directory() + " (rendered)", "Service/" + actor,
                                "spec.template.metadata.annotations.autoscaling.knative.dev/min-scale",
                                "is \"1\": actors must scale to zero (min-scale \"0\"); a Service that must not states"
                                        + " why in ripple.dev/always-on-reason"))
                        .toList());
    }

    @Test
    void kustomizationNamingAMissingFileFailsToRenderWithKubectlsMessage(@TempDir Path temp) throws IOException {
        Files.writeString(temp.resolve("kustomization.yaml"), "resources:\n  - service-missing.yaml\n");

        assertThatThrownBy(() -> renderer.render(temp))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kubectl kustomize " + temp + " failed")
                .hasMessageContaining("service-missing.yaml");
    }
}

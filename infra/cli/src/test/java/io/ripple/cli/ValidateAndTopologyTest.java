package io.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ripple validate` and `ripple topology` on real manifest files. */
class ValidateAndTopologyTest {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Path CRDS = ROOT.resolve("../shared/knative-crds").normalize();
    static final Path UP_MANIFESTS = Path.of("src/test/resources/up-manifests").toAbsolutePath();

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }

    @Test
    void theProjectsManifestsAreValid() {
        CliRun run = CliRun.of("validate", ROOT.resolve("knative/base").toString(), "--crds", CRDS.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("valid");
    }

    @Test
    void aWrongFieldIsReportedWithFileResourceAndField(@TempDir Path dir) throws IOException {
        copy(ROOT.resolve("knative/base"), dir);
        Path trigger = dir.resolve("trigger-coffee-machine.yaml");
        Files.writeString(trigger, Files.readString(trigger).replace("  broker: default", "  brokr: default"));

        CliRun run = CliRun.of("validate", dir.toString(), "--crds", CRDS.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("trigger-coffee-machine.yaml", "Trigger/coffee-machine", "brokr");
    }

    @Test
    void aMissingDirectoryIsNamed() {
        CliRun run = CliRun.of("validate", "no/such/dir", "--crds", CRDS.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no manifest directory at", "no/such/dir");
    }

    @Test
    void topologyWarnsAboutEmittedTypesNobodyConsumes() {
        CliRun run = CliRun.of("topology", "--manifests", UP_MANIFESTS.toString(), "--root", ROOT.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("coffee-machine", "emits:    coffee.machine.brew-started");
        assertThat(run.err()).contains("warning: coffee-machine emits coffee.machine.brewing-finished, which nobody consumes");
    }

    @Test
    void topologyRejectsAConsumedTypeNobodyEmits(@TempDir Path dir) throws IOException {
        copy(UP_MANIFESTS, dir);
        Path trigger = dir.resolve("trigger-coffee-machine.yaml");
        Files.writeString(trigger, Files.readString(trigger).replace("            type: coffee.machine.power-off",
                "            type: coffee.machine.power-off\n        - exact:\n            type: coffee.machine.descale"));

        CliRun run = CliRun.of("topology", "--manifests", dir.toString(), "--root", ROOT.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: coffee-machine consumes coffee.machine.descale, which no service emits");
    }

    @Test
    void topologyRendersMermaid() {
        CliRun run = CliRun.of("topology", "--manifests", UP_MANIFESTS.toString(), "--root", ROOT.toString(),
                "--format", "mermaid");
        assertThat(run.out()).startsWith("flowchart LR").contains("-- coffee.machine.brew --> coffee_machine[coffee-machine]");
    }
}

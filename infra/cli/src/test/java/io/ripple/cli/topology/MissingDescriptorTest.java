package io.ripple.cli.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `ripple topology` says about a Service whose emitted types it cannot read. */
class MissingDescriptorTest {

    @Test
    void aBuiltModuleWithoutDescriptorIsNoActor(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("functions/timer-service/target/classes"));
        Files.writeString(root.resolve("functions/timer-service/pom.xml"), "<project/>");

        assertThat(TopologyReader.missingDescriptor(root, "timer-service"))
                .contains("timer-service declares no emitted types", "not a Ripple actor")
                .doesNotContain("build");
    }

    @Test
    void anUnbuiltModuleIsToBeBuilt(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("infra/hardware-simulator"));
        Files.writeString(root.resolve("infra/hardware-simulator/pom.xml"), "<project/>");

        assertThat(TopologyReader.missingDescriptor(root, "hardware-simulator"))
                .contains("build infra/hardware-simulator", "META-INF/ripple/actor.json");
    }

    @Test
    void aServiceWithoutModuleIsSaidSo(@TempDir Path root) {
        assertThat(TopologyReader.missingDescriptor(root, "payments"))
                .contains("payments has no module here", "functions/payments", "infra/payments");
    }
}

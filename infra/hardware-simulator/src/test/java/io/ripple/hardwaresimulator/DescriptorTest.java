package io.ripple.hardwaresimulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The descriptor `ripple topology` reads (the format actors write at build time) names what the hardware sends. */
class DescriptorTest {

    @Test
    void theSimulatorConsumesBrewStartedAndEmitsFinishBrewing() throws Exception {
        JsonNode descriptor;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/ripple/actor.json")) {
            descriptor = new ObjectMapper().readTree(in);
        }
        assertThat(descriptor.get("consumes").get(0).asText()).isEqualTo(FinishBrewingEvents.BREW_STARTED);
        assertThat(descriptor.get("emits").get(0).asText()).isEqualTo(FinishBrewingEvents.FINISH_BREWING);
    }
}

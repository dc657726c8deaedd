package io.ripple.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The descriptor `ripple topology` reads (the format actors write at build time) says what the function counts. */
class DescriptorTest {

    @Test
    void theDescriptorListsExactlyTheCountedTypes() throws Exception {
        JsonNode descriptor;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/ripple/actor.json")) {
            descriptor = new ObjectMapper().readTree(in);
        }
        Set<String> consumes = new HashSet<>();
        descriptor.get("consumes").forEach(type -> consumes.add(type.asText()));
        assertThat(consumes).isEqualTo(FactReader.COUNTED);
        assertThat(descriptor.get("emits")).isEmpty();
    }
}

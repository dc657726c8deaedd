package io.ripple.devbroker.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.sql.Parser;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    private static final CloudEvent EVENT = CloudEventBuilder.v1().withId("id-1").withSource(URI.create("/src"))
            .withType("coffee.machine.brew").withSubject("m-1").withExtension("partitionkey", "coffee-machine/m-1")
            .withExtension("priority", 7).build();

    @Test
    void attributesMatchExactValues() {
        assertThat(new EventFilter.Attributes(Map.of("type", "coffee.machine.brew", "source", "/src"))
                .test(EVENT)).isTrue();
        assertThat(new EventFilter.Attributes(Map.of("type", "coffee.machine.stop")).test(EVENT)).isFalse();
    }

    @Test
    void emptyAttributeValueMeansPresent() {
        assertThat(new EventFilter.Attributes(Map.of("subject", "")).test(EVENT)).isTrue();
        assertThat(new EventFilter.Attributes(Map.of("dataschema", "")).test(EVENT)).isFalse();
        assertThat(new EventFilter.Attributes(Map.of("missingext", "")).test(EVENT)).isFalse();
    }

    @Test
    void extensionsAreComparedAsStrings() {
        assertThat(new EventFilter.Exact("priority", "7").test(EVENT)).isTrue();
        assertThat(new EventFilter.Exact("specversion", "1.0").test(EVENT)).isTrue();
    }

    @Test
    void prefixAndSuffix() {
        assertThat(new EventFilter.Prefix("type", "coffee.").test(EVENT)).isTrue();
        assertThat(new EventFilter.Prefix("type", "tea.").test(EVENT)).isFalse();
        assertThat(new EventFilter.Suffix("partitionkey", "/m-1").test(EVENT)).isTrue();
        assertThat(new EventFilter.Suffix("missing", "x").test(EVENT)).isFalse();
    }

    @Test
    void allAnyNot() {
        EventFilter brew = new EventFilter.Exact("type", "coffee.machine.brew");
        EventFilter other = new EventFilter.Exact("type", "other");
        assertThat(new EventFilter.All(List.of(brew, new EventFilter.Exact("subject", "m-1"))).test(EVENT)).isTrue();
        assertThat(new EventFilter.All(List.of(brew, other)).test(EVENT)).isFalse();
        assertThat(new EventFilter.Any(List.of(other, brew)).test(EVENT)).isTrue();
        assertThat(new EventFilter.Any(List.of(other)).test(EVENT)).isFalse();
        assertThat(new EventFilter.Not(other).test(EVENT)).isTrue();
    }

    @Test
    void cesqlPassesOnlyOnTrueAndFailsOnErrors() {
        assertThat(cesql("type LIKE 'coffee.%' AND subject = 'm-1'").test(EVENT)).isTrue();
        assertThat(cesql("type = 'other'").test(EVENT)).isFalse();
        assertThat(cesql("missingattribute = 'x'").test(EVENT)).as("missing attribute is an error").isFalse();
    }

    private static EventFilter cesql(String expression) {
        return new EventFilter.Cesql(expression, Parser.parseDefault(expression));
    }
}

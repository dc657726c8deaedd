package io.ripple.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares emitted CloudEvents with a scenario's {@code then}: the same types in the same
 * order, and every other member an expectation names (data, attributes, extensions) equal.
 * Shared by the in-process runner and the live replay ({@code ripple verify}).
 */
public final class ScenarioExpectations {

    private ScenarioExpectations() {
    }

    /** What differs, one message per difference; empty when the events meet the expectations. */
    public static List<String> mismatches(List<JsonNode> expected, List<CloudEvent> actual, ObjectMapper mapper) {
        List<String> problems = new ArrayList<>();
        List<String> expectedTypes = expected.stream().map(e -> e.get("type").asText()).toList();
        List<String> actualTypes = actual.stream().map(CloudEvent::getType).toList();
        if (!expectedTypes.equals(actualTypes)) {
            problems.add("expected event types " + expectedTypes + " but got " + actualTypes);
            return problems;
        }
        for (int i = 0; i < actual.size(); i++) {
            Iterator<Map.Entry<String, JsonNode>> members = expected.get(i).fields();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                String name = member.getKey();
                if (name.equals("type")) {
                    continue;
                }
                Object actualValue = name.equals("data") ? dataOf(actual.get(i), mapper) : attributeOf(actual.get(i), name);
                Object expectedValue = name.equals("data") ? member.getValue() : member.getValue().asText();
                if (!Objects.equals(expectedValue, actualValue)) {
                    problems.add("then[" + i + "]." + name + ": expected " + expectedValue + " but got " + actualValue);
                }
            }
        }
        return problems;
    }

    private static JsonNode dataOf(CloudEvent event, ObjectMapper mapper) {
        try {
            return event.getData() == null ? mapper.nullNode() : mapper.readTree(event.getData().toBytes());
        } catch (IOException e) {
            return mapper.getNodeFactory().textNode("<not JSON: " + e.getMessage() + ">");
        }
    }

    private static String attributeOf(CloudEvent event, String name) {
        Object value = event.getAttributeNames().contains(name) ? event.getAttribute(name) : event.getExtension(name);
        return value == null ? null : value.toString();
    }
}

package io.ripple.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import java.nio.file.Path;
import java.util.List;

/**
 * One scenario file: CloudEvents that happened ({@code given}: commands, decided in order,
 * or events, taken as the actor's history), the command under test ({@code when}) and the
 * events expected from it ({@code then}).
 *
 * <p>An expectation is a JSON object whose {@code type} must match and whose other
 * members ({@code data}, {@code subject}, {@code source}, extensions) must match when present.
 *
 * @param file        where it was read from
 * @param description what the scenario shows, in the domain's words
 * @param given       earlier commands or events, in order
 * @param when        the command under test
 * @param then        expectations for the emitted events, in order
 */
public record Scenario(Path file, String description, List<CloudEvent> given, CloudEvent when, List<JsonNode> then) {

    public Scenario {
        given = List.copyOf(given);
        then = List.copyOf(then);
    }
}

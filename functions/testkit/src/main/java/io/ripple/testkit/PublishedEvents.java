package io.ripple.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.ripple.runtime.internal.BrokerPublisher;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What an actor function published, in a {@code @QuarkusTest} that routes its events to the
 * in-memory connector with {@link InMemoryBrokerResource}.
 */
public final class PublishedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemorySink<CloudEvent> sink;

    private PublishedEvents(InMemorySink<CloudEvent> sink) {
        this.sink = sink;
    }

    /** The events published from now on (what was published before is dropped). */
    public static PublishedEvents from(InMemoryConnector connector) {
        PublishedEvents published = new PublishedEvents(connector.sink(BrokerPublisher.CHANNEL));
        published.clear();
        return published;
    }

    /** Every event published since the last {@link #clear()}, oldest first. */
    public List<CloudEvent> all() {
        return sink.received().stream().map(Message::getPayload).toList();
    }

    /** {@link #all()}, then {@link #clear()}. */
    public List<CloudEvent> take() {
        List<CloudEvent> events = all();
        clear();
        return events;
    }

    public void clear() {
        sink.clear();
    }

    /** An event's data as JSON. */
    public static JsonNode data(CloudEvent event) {
        try {
            return JSON.readTree(event.getData().toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("data of " + event.getType() + " " + event.getId() + " is not JSON", e);
        }
    }
}

package io.ripple.devbroker.log;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;

/** The log keeps events in CloudEvents JSON (structured) form: readable, and queryable by humans. */
public final class CloudEventJson {

    private static final EventFormat FORMAT = new JsonFormat();

    private CloudEventJson() {
    }

    public static byte[] serialize(CloudEvent event) {
        return FORMAT.serialize(event);
    }

    public static CloudEvent deserialize(byte[] json) {
        return FORMAT.deserialize(json);
    }
}

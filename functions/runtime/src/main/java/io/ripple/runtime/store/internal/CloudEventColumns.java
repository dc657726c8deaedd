package io.ripple.runtime.store.internal;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * How a CloudEvent is kept in two columns: its attributes and extensions in the CloudEvents
 * JSON format (the SDK's, so the stored text is a CloudEvent a person or tool can read),
 * and its data as the exact bytes. Data stays out of the JSON because the JSON format
 * re-encodes JSON data, which would change its bytes; a stored event must come back
 * byte-for-byte as it was published.
 */
final class CloudEventColumns {

    private static final JsonFormat JSON = new JsonFormat();

    private CloudEventColumns() {
    }

    /** The attributes and extensions, as a structured-mode CloudEvent without data. */
    static String attributes(CloudEvent event) {
        CloudEvent withoutData = CloudEventBuilder.from(event).withoutData().build();
        return new String(JSON.serialize(withoutData), StandardCharsets.UTF_8);
    }

    /** The data's bytes, or null if the event has none. */
    static byte @Nullable [] data(CloudEvent event) {
        return event.getData() == null ? null : event.getData().toBytes();
    }

    /** The event as it was stored. */
    static CloudEvent restore(String attributes, byte @Nullable [] data) {
        CloudEvent withoutData = JSON.deserialize(attributes.getBytes(StandardCharsets.UTF_8));
        if (data == null) {
            return withoutData;
        }
        return CloudEventBuilder.from(withoutData).withData(data).build();
    }
}

package io.ripple.devbroker.filter;

import io.cloudevents.CloudEvent;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads a context attribute or extension of a CloudEvent as the string a filter compares. */
public final class EventAttributes {

    private static final Set<String> CONTEXT_ATTRIBUTES =
            Set.of("specversion", "id", "source", "type", "subject", "time", "dataschema", "datacontenttype");

    private EventAttributes() {
    }

    /** The attribute's value as a string, or {@code null} when the event does not carry it. */
    public static @Nullable String get(CloudEvent event, String name) {
        if (name.equals("specversion")) {
            return event.getSpecVersion().toString();
        }
        Object value = CONTEXT_ATTRIBUTES.contains(name) ? event.getAttribute(name) : event.getExtension(name);
        return value == null ? null : asString(value);
    }

    /** String form of an attribute value, following the CloudEvents type system's canonical strings. */
    public static String asString(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof URI uri) {
            return uri.toString();
        }
        return String.valueOf(value);
    }
}

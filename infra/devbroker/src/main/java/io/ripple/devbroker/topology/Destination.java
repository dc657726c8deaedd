package io.ripple.devbroker.topology;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * A Knative Destination: a Service ref (resolved at delivery time), a URI, or a ref plus a
 * URI relative to it. As a dead letter sink it may also be a cluster-only sink (a
 * {@code KafkaSink}, a Broker, ...) that the dev broker replaces with its dead-letter store.
 *
 * @param replacedSink for a dead letter sink kept in the dead-letter store: what the manifest names
 */
public record Destination(@Nullable ServiceReference ref, @Nullable URI uri, @Nullable String replacedSink) {

    public Destination {
        if (ref == null && uri == null && replacedSink == null) {
            throw new IllegalArgumentException("a destination needs a ref or a uri");
        }
    }

    public Destination(@Nullable ServiceReference ref, @Nullable URI uri) {
        this(ref, uri, null);
    }

    /** A dead letter sink the dev broker cannot reach, kept in its dead-letter store instead. */
    public static Destination deadLetterStore(String replacedSink) {
        return new Destination(null, null, replacedSink);
    }

    /** {@code true} for {@link #deadLetterStore(String)}. */
    public boolean isDeadLetterStore() {
        return replacedSink != null;
    }

    @Override
    public String toString() {
        if (replacedSink != null) {
            return "dead-letter store (for " + replacedSink + ")";
        }
        if (ref == null) {
            return String.valueOf(uri);
        }
        return "Service " + ref + (uri == null ? "" : " + " + uri);
    }
}

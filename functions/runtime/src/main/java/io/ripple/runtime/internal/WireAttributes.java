package io.ripple.runtime.internal;

import com.google.common.escape.Escaper;
import com.google.common.net.UrlEscapers;

/** CloudEvent extension attribute names of Ripple's wire contract (see ARCHITECTURE.md). */
public final class WireAttributes {
    public static final String PARTITION_KEY = "partitionkey";
    public static final String CORRELATION_ID = "correlationid";
    public static final String CAUSATION_ID = "causationid";
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    public static final String JSON = "application/json";

    // RFC 3986 segment: unreserved, sub-delims, ':' and '@' as they are, other UTF-8 bytes as %XX.
    private static final Escaper PATH_SEGMENT = UrlEscapers.urlPathSegmentEscaper();

    private WireAttributes() {
    }

    /**
     * The {@code source} of events emitted by an actor: {@code /actors/<type>/<id>}, a URI
     * reference, so an id is a path segment with what a segment cannot hold percent-encoded
     * (an actor id is any CloudEvents subject: {@code table 4}, {@code a/b}, {@code café}).
     */
    public static String actorSource(String actorType, String actorId) {
        return "/actors/" + PATH_SEGMENT.escape(actorType) + "/" + PATH_SEGMENT.escape(actorId);
    }
}

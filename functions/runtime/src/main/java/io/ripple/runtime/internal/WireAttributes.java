package io.ripple.runtime.internal;

import java.nio.charset.StandardCharsets;

/** CloudEvent extension attribute names of Ripple's wire contract (see ARCHITECTURE.md). */
public final class WireAttributes {
    public static final String PARTITION_KEY = "partitionkey";
    public static final String CORRELATION_ID = "correlationid";
    public static final String CAUSATION_ID = "causationid";
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    public static final String JSON = "application/json";

    private WireAttributes() {
    }

    /**
     * The {@code source} of events emitted by an actor: {@code /actors/<type>/<id>}, a URI
     * reference, so an id is a path segment with what a segment cannot hold percent-encoded
     * (an actor id is any CloudEvents subject: {@code table 4}, {@code a/b}, {@code café}).
     */
    public static String actorSource(String actorType, String actorId) {
        return "/actors/" + pathSegment(actorType) + "/" + pathSegment(actorId);
    }

    /** RFC 3986 {@code segment}: unreserved, sub-delims, ':' and '@' as they are, other UTF-8 bytes as %XX. */
    static String pathSegment(String value) {
        StringBuilder encoded = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isSegmentChar(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return encoded.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static boolean isSegmentChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
    }
}

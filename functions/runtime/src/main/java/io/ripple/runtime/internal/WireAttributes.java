package io.ripple.runtime.internal;

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

    /** The {@code source} of events emitted by an actor. */
    public static String actorSource(String actorType, String actorId) {
        return "/actors/" + actorType + "/" + actorId;
    }
}

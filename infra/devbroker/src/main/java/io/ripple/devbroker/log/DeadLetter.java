package io.ripple.devbroker.log;

import org.jspecify.annotations.Nullable;

/**
 * An event that exhausted its delivery and had nowhere else to go, kept so that it can be
 * inspected and replayed rather than dropped.
 *
 * @param payload    the event in CloudEvents JSON, as it was to be delivered
 * @param errorData  the subscriber's last response body, base64, at most 1024 bytes before encoding
 */
public record DeadLetter(long id, String trigger, String broker, long eventSeq, String eventId, byte[] payload,
        String reason, @Nullable Integer statusCode, @Nullable String errorData, int attempts, long createdMs,
        String state, int replays, long updatedMs) {

    /** State of a dead letter that waits for a replay. */
    public static final String DEAD = "dead";
    /** State of a dead letter whose replay the subscriber accepted. */
    public static final String REPLAYED = "replayed";
}

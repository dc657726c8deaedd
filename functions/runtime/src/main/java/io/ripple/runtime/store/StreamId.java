package io.ripple.runtime.store;

import java.util.Objects;

/**
 * The address of one actor: its type and its id. Rendered as {@code <actor-type>/<id>},
 * which is also the CloudEvents {@code partitionkey} of everything sent to or from it.
 *
 * @param actorType the actor type, e.g. {@code coffee-machine}
 * @param actorId   the actor id, taken from the command's {@code subject}
 */
public record StreamId(String actorType, String actorId) {

    public StreamId {
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(actorId, "actorId");
    }

    /** The mailbox address, {@code <actor-type>/<id>}. */
    public String partitionKey() {
        return actorType + "/" + actorId;
    }

    @Override
    public String toString() {
        return partitionKey();
    }
}

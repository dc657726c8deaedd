package io.ripple.runtime;

import java.util.Objects;

/**
 * A command for a given actor: what an actor makes of another actor's event it reacts to.
 *
 * @param actorId the id of the actor (of the reacting type) that must process the command
 * @param command the command it processes
 * @param <C>     the reacting actor's command type
 */
public record Routed<C>(String actorId, C command) {

    public Routed {
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(command, "command");
    }
}

package io.ripple.runtime;

/**
 * Marks the event a decider emits when it refuses a command.
 *
 * <p>Rejections are events so that they are stored, published and visible to monitoring
 * actors (a supervisor may react to them), instead of disappearing as error responses.
 */
public interface Rejection {

    /** Why the command was refused, in words an operator understands. */
    String reason();

    /** The CloudEvent type of the refused command. */
    String commandType();
}

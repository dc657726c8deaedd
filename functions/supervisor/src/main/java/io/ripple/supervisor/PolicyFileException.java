package io.ripple.supervisor;

/** A policy file the supervisor cannot apply; the message names the file and the field at fault. */
public final class PolicyFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PolicyFileException(String message) {
        super(message);
    }

    public PolicyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

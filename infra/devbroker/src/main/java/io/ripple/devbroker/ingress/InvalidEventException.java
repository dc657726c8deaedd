package io.ripple.devbroker.ingress;

/** An event the broker refuses (ingress answers 400 with the message as detail). */
public class InvalidEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidEventException(String message) {
        super(message);
    }
}

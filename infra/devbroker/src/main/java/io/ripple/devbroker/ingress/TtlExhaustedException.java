package io.ripple.devbroker.ingress;

/** {@code knativebrokerttl} reached 0: the event went round the broker too often (a reply loop). */
public final class TtlExhaustedException extends InvalidEventException {

    private static final long serialVersionUID = 1L;

    public TtlExhaustedException(String message) {
        super(message);
    }
}

package io.ripple.runtime.internal;

/**
 * A failure that has an HTTP status and an RFC 9457 problem description. Thrown by the
 * adapters and turned into an {@code application/problem+json} response at the edge.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;

    public ProblemException(int status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public ProblemException(int status, String type, String title, String detail, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** A URI reference identifying the kind of problem. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** 400: the command can never succeed as sent; the broker must not retry it. */
    public static ProblemException badCommand(String kind, String title, String detail) {
        return new ProblemException(400, "urn:ripple:problem:" + kind, title, detail);
    }
}

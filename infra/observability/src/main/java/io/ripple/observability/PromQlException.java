package io.ripple.observability;

/** A PromQL expression this module cannot read; the message names the position and what was expected. */
public final class PromQlException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public PromQlException(String expression, int position, String problem) {
        super(problem + " at offset " + position + " of: " + expression);
    }
}

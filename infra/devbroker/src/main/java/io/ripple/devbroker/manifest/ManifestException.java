package io.ripple.devbroker.manifest;

/**
 * A manifest the broker cannot serve. The message names the file, the resource
 * ({@code Kind namespace/name}) and the field at fault, so a typo is found without a debugger.
 */
public final class ManifestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }

    static ManifestException at(String file, String resource, String field, String problem) {
        return new ManifestException(file + ": " + resource + ": field " + field + ": " + problem);
    }
}

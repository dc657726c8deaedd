package io.ripple.manifests;

/**
 * One thing wrong with a manifest, precise enough to fix without searching.
 *
 * @param file      the file (or rendered overlay) the resource came from
 * @param resource  {@code Kind/name} of the resource, or {@code -} when the document could not be read
 * @param fieldPath dotted path inside the resource ({@code spec.subscriber.ref.name}); empty for the whole resource
 * @param message   what is wrong, in words
 */
public record Problem(String file, String resource, String fieldPath, String message) {

    /** Renders {@code file: Kind/name: field.path: message}, the form the CLI prints. */
    @Override
    public String toString() {
        return file + ": " + resource + (fieldPath.isEmpty() ? "" : ": " + fieldPath) + ": " + message;
    }
}

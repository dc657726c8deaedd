package io.ripple.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the local Zipkin of {@code ripple up --tracing} listens: {@code ripple up} writes its
 * base URL to {@code <data-dir>/zipkin-url} while it runs, so {@code emit} and {@code trace}
 * find it without options; {@code --zipkin} overrides.
 */
public final class ZipkinLocation {

    /** The file, relative to the data directory. */
    public static final String FILE = "zipkin-url";

    private ZipkinLocation() {
    }

    /** The Zipkin base URL: {@code explicit} when given, else the one {@code ripple up} recorded under {@code dataDir}. */
    public static Optional<String> find(String explicit, Path dataDir) {
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(stripSlash(explicit.trim()));
        }
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String url = Files.readString(file, StandardCharsets.UTF_8).trim();
            return url.isEmpty() ? Optional.empty() : Optional.of(stripSlash(url));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The trace id of a W3C {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}), if well-formed. */
    public static Optional<String> traceIdOf(String traceparent) {
        if (traceparent == null) {
            return Optional.empty();
        }
        String[] parts = traceparent.trim().split("-");
        return parts.length == 4 && parts[1].matches("[0-9a-f]{32}") ? Optional.of(parts[1]) : Optional.empty();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

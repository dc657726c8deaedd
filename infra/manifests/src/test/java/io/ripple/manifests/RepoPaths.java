package io.ripple.manifests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and the shared Knative CRDs are, as the build passes them in. */
final class RepoPaths {

    private RepoPaths() {
    }

    static Path repo() {
        return existing(System.getProperty("ripple.repo.dir", "../.."), "ripple.repo.dir");
    }

    static Path crds() {
        return existing(System.getProperty("ripple.crds.dir", "../../../shared/knative-crds"), "ripple.crds.dir");
    }

    static Path knativeBase() {
        return repo().resolve("knative/base");
    }

    private static Path existing(String value, String property) {
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException(property + " = " + path + " is not a directory");
        }
        return path;
    }
}

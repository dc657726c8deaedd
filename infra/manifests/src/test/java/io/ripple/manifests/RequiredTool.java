package io.ripple.manifests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools some tests need. On a developer machine a missing tool skips the test; in
 * CI (environment variable {@code CI} set) it fails it, so a missing install step in
 * {@code .ci/deploy-tools.sh} cannot hide behind a green build.
 */
final class RequiredTool {

    private RequiredTool() {
    }

    /** The tool's path on PATH; skips (locally) or fails (CI) the calling test when absent. */
    static Path require(String name) {
        Optional<Path> found = find(name);
        if (found.isPresent()) {
            return found.get();
        }
        String message = name + " is not on PATH; install it with .ci/deploy-tools.sh";
        if (isCi()) {
            fail(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /** The tool's path on PATH, if any. */
    static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static boolean isCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }
}

package io.ripple.observability;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools some tests need. Outside CI a missing tool skips the test with a message
 * saying how to install it; under {@code CI=true} it fails the test, so a missing install step
 * in {@code .ci/observability-tools.sh} cannot hide behind a green build.
 */
final class RequiredTool {

    private RequiredTool() {
    }

    /** The tool's path on PATH; skips (locally) or fails (CI) the calling test when absent. */
    static Path require(String name, String installHint) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (!directory.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = name + " is not on PATH: " + installHint;
        if (isCi()) {
            fail(message + " (CI=true: a missing tool fails the build)");
        }
        Assumptions.abort(message + " (skipped outside CI)");
        throw new AssertionError("unreachable");
    }

    static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}

package io.ripple.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a Knative Service's code lives in the repository: the module named like the Service
 * under {@code functions/} (actors), else under {@code infra/} (the hardware simulator ...).
 * `ripple up` starts it from there and `ripple topology` reads its actor descriptor there.
 */
public final class ServiceModules {

    private static final List<String> ROOTS = List.of("functions", "infra");

    private ServiceModules() {
    }

    /** The folders {@code service}'s module may be in, in the order they are looked at. */
    public static List<Path> candidates(Path root, String service) {
        return ROOTS.stream().map(moduleRoot -> root.resolve(moduleRoot).resolve(service)).toList();
    }
}

package io.ripple.cli.up;

import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.ripple.cli.ServiceModules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Serving emulator needs to know of one Knative Service: where its application is
 * built, its literal environment, and its autoscaling annotations.
 *
 * @param name        the Knative Service name, also the module name
 * @param jar         the application to run ({@code <module>/target/quarkus-app/quarkus-run.jar})
 * @param env         literal {@code env} values of its container (secret references are cluster-only)
 * @param target      {@code autoscaling.knative.dev/target}: in-flight requests per instance before scaling out
 * @param minScale    {@code autoscaling.knative.dev/min-scale}
 * @param maxScale    {@code autoscaling.knative.dev/max-scale}
 * @param retention   {@code autoscaling.knative.dev/scale-to-zero-pod-retention-period}: idle time before scale to zero
 */
public record ServiceSpec(String name, Path jar, Map<String, String> env, int target, int minScale, int maxScale,
        Duration retention) {

    /** Knative's default concurrency target. */
    static final int DEFAULT_TARGET = 100;
    static final Duration DEFAULT_RETENTION = Duration.ofSeconds(60);

    /** Reads a Knative Service; {@code root} is the repository the modules are in. */
    public static ServiceSpec from(Service service, Path root, Duration defaultRetention) {
        String name = service.getMetadata().getName();
        Map<String, String> annotations = Optional.ofNullable(service.getSpec())
                .map(spec -> spec.getTemplate()).map(t -> t.getMetadata()).map(m -> m.getAnnotations())
                .orElse(Map.of());
        Map<String, String> env = new LinkedHashMap<>();
        List<Container> containers = Optional.ofNullable(service.getSpec()).map(s -> s.getTemplate())
                .map(t -> t.getSpec()).map(s -> s.getContainers()).orElse(List.of());
        for (Container container : containers) {
            for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                if (variable.getValue() != null) {
                    env.put(variable.getName(), variable.getValue());
                }
            }
        }
        int target = intAnnotation(annotations, "autoscaling.knative.dev/target", DEFAULT_TARGET, name);
        int minScale = intAnnotation(annotations, "autoscaling.knative.dev/min-scale", 0, name);
        int maxScale = intAnnotation(annotations, "autoscaling.knative.dev/max-scale", 0, name);
        Duration retention = Optional.ofNullable(annotations.get("autoscaling.knative.dev/scale-to-zero-pod-retention-period"))
                .map(value -> io.ripple.cli.Durations.parse(value, "service " + name
                        + ": autoscaling.knative.dev/scale-to-zero-pod-retention-period"))
                .orElse(defaultRetention);
        return new ServiceSpec(name, locate(root, name), Map.copyOf(env), Math.max(1, target), minScale,
                maxScale <= 0 ? Integer.MAX_VALUE : maxScale, retention);
    }

    private static Path locate(Path root, String name) {
        List<Path> modules = ServiceModules.candidates(root, name);
        Path module = modules.stream().filter(Files::isDirectory).findFirst().orElse(modules.get(0));
        return module.resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static int intAnnotation(Map<String, String> annotations, String key, int fallback, String service) {
        String value = annotations.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new io.ripple.cli.CliException("service " + service + ": annotation " + key + " is '" + value
                    + "', not a whole number");
        }
    }
}

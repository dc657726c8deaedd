package io.ripple.cli.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.Service;
import io.ripple.cli.CliException;
import io.ripple.cli.ServiceModules;
import io.ripple.manifests.ManifestSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds a {@link Topology} from the manifests (who consumes: Trigger filters) and from each
 * Service's actor descriptor {@code META-INF/ripple/actor.json} (who emits), which the
 * runtime writes at build time from the actor's definition — the same data an actor
 * serves at {@code GET /q/ripple}.
 */
public final class TopologyReader {

    /** Trigger annotation listing the types outside systems send (comma-separated). */
    public static final String EXTERNAL_TYPES = "ripple.dev/external-types";
    static final String DESCRIPTOR = "META-INF/ripple/actor.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> notes = new ArrayList<>();

    public List<String> notes() {
        return notes;
    }

    public Topology read(ManifestSet manifests, Path root) {
        Map<String, Set<String>> consumes = new LinkedHashMap<>();
        Map<String, Set<String>> prefixes = new LinkedHashMap<>();
        Set<String> external = new TreeSet<>();
        for (ManifestSet.Typed<Trigger> typed : manifests.ofType(Trigger.class)) {
            Trigger trigger = typed.resource();
            String consumer = Optional.ofNullable(trigger.getSpec().getSubscriber())
                    .map(s -> s.getRef()).map(r -> r.getName())
                    .orElse("trigger/" + trigger.getMetadata().getName());
            Set<String> exact = consumes.computeIfAbsent(consumer, k -> new TreeSet<>());
            Set<String> prefix = prefixes.computeIfAbsent(consumer, k -> new TreeSet<>());
            if (trigger.getSpec().getFilters() != null && !trigger.getSpec().getFilters().isEmpty()) {
                trigger.getSpec().getFilters().forEach(filter -> collect(filter, exact, prefix));
            } else if (trigger.getSpec().getFilter() != null && trigger.getSpec().getFilter().getAttributes() != null) {
                String type = trigger.getSpec().getFilter().getAttributes().get("type");
                if (type != null && !type.isEmpty()) {
                    exact.add(type);
                }
            }
            Map<String, String> annotations = Optional.ofNullable(trigger.getMetadata().getAnnotations()).orElse(Map.of());
            Optional.ofNullable(annotations.get(EXTERNAL_TYPES)).ifPresent(list -> {
                for (String type : list.split(",")) {
                    if (!type.isBlank()) {
                        external.add(type.trim());
                    }
                }
            });
        }
        Map<String, Set<String>> emits = new LinkedHashMap<>();
        for (ManifestSet.Typed<Service> typed : manifests.ofType(Service.class)) {
            String name = typed.resource().getMetadata().getName();
            descriptor(root, name).ifPresentOrElse(
                    descriptor -> {
                        Set<String> types = new TreeSet<>();
                        descriptor.path("emits").forEach(type -> types.add(type.asText()));
                        emits.put(name, types);
                    },
                    () -> notes.add(missingDescriptor(root, name)));
        }
        return new Topology(emits, consumes, prefixes, external);
    }

    /** Exact and prefix type filters, through any/all; {@code not} and CESQL select no type by name. */
    private static void collect(SubscriptionsAPIFilter filter, Set<String> exact, Set<String> prefix) {
        Optional.ofNullable(filter.getExact()).map(m -> m.get("type")).ifPresent(exact::add);
        Optional.ofNullable(filter.getPrefix()).map(m -> m.get("type")).ifPresent(prefix::add);
        Optional.ofNullable(filter.getAny()).orElse(List.of()).forEach(f -> collect(f, exact, prefix));
        Optional.ofNullable(filter.getAll()).orElse(List.of()).forEach(f -> collect(f, exact, prefix));
    }

    /** Why a service's emitted types are unknown: its module is not built, is no actor, or is not here. */
    static String missingDescriptor(Path root, String service) {
        List<Path> modules = ServiceModules.candidates(root, service);
        for (Path module : modules) {
            Path named = root.relativize(module);
            if (Files.isDirectory(module.resolve("target/classes"))) {
                return "service " + service + " declares no emitted types (" + named
                        + " has no " + DESCRIPTOR + ": not a Ripple actor), so what it sends is not checked";
            }
            if (Files.isRegularFile(module.resolve("pom.xml"))) {
                return "no actor descriptor for service " + service + " yet (build " + named
                        + ": it writes " + DESCRIPTOR + "); its emitted types are unknown";
            }
        }
        return "service " + service + " has no module here (" + modules.stream().map(root::relativize)
                .map(Path::toString).collect(Collectors.joining(" or "))
                + "); its emitted types are unknown";
    }

    private static Optional<JsonNode> descriptor(Path root, String service) {
        for (Path module : ServiceModules.candidates(root, service)) {
            for (Path candidate : List.of(module.resolve("target/classes").resolve(DESCRIPTOR),
                    module.resolve("src/main/resources").resolve(DESCRIPTOR))) {
                if (Files.isRegularFile(candidate)) {
                    try {
                        return Optional.of(JSON.readTree(candidate.toFile()));
                    } catch (IOException e) {
                        throw new CliException(candidate + ": not a valid actor descriptor: " + e.getMessage());
                    }
                }
            }
        }
        return Optional.empty();
    }

    static Set<String> union(Map<String, Set<String>> map) {
        Set<String> all = new LinkedHashSet<>();
        map.values().forEach(all::addAll);
        return all;
    }
}

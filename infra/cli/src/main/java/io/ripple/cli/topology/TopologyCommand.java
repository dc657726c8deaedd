package io.ripple.cli.topology;

import io.ripple.cli.CliException;
import io.ripple.manifests.ManifestSet;
import io.ripple.manifests.Problem;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "topology", mixinStandardHelpOptions = true,
        description = {"Show who consumes what (Triggers) and who emits what (each actor's declared event types),",
                "and check it: a consumed type nobody emits and not declared external (Trigger annotation",
                "ripple.dev/external-types) is an error; an emitted type nobody consumes and a cycle are",
                "warnings. Exit 1 on errors."})
public class TopologyCommand implements Callable<Integer> {

    enum Format { text, mermaid, dot }

    @Spec
    CommandSpec spec;

    @Option(names = "--manifests", defaultValue = "knative/base", description = "manifest directory (default: ${DEFAULT-VALUE})")
    Path manifests;

    @Option(names = "--format", defaultValue = "text", description = "text, mermaid or dot (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--root", defaultValue = ".", description = "repository root, where functions/ and infra/ are (default: current directory)")
    Path root;

    @Override
    public Integer call() {
        if (!Files.isDirectory(manifests)) {
            throw new CliException("no manifest directory at " + manifests.toAbsolutePath());
        }
        ManifestSet set = ManifestSet.readDirectory(manifests);
        if (!set.loadProblems().isEmpty()) {
            throw new CliException("the manifests do not load (ripple validate tells more):\n  "
                    + set.loadProblems().stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
        }
        TopologyReader reader = new TopologyReader();
        Topology topology = reader.read(set, root.toAbsolutePath());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        switch (format) {
            case mermaid -> mermaid(topology, out);
            case dot -> dot(topology, out);
            default -> text(topology, out);
        }
        reader.notes().forEach(note -> err.println("note: " + note));
        List<Topology.Finding> findings = topology.check();
        findings.forEach(err::println);
        out.flush();
        err.flush();
        return findings.stream().anyMatch(Topology.Finding::error) ? 1 : 0;
    }

    private static void text(Topology topology, PrintWriter out) {
        Set<String> services = new TreeSet<>(topology.consumes().keySet());
        services.addAll(topology.emits().keySet());
        for (String service : services) {
            out.println(service);
            out.println("  consumes: " + join(topology.consumes().get(service), topology.prefixes().get(service)));
            out.println("  emits:    " + join(topology.emits().get(service), null));
        }
        if (!topology.external().isEmpty()) {
            out.println("from outside: " + String.join(", ", topology.external()));
        }
    }

    private static String join(Set<String> exact, Set<String> prefixes) {
        TreeSet<String> all = new TreeSet<>(exact == null ? Set.of() : exact);
        if (prefixes != null) {
            prefixes.forEach(p -> all.add(p + "*"));
        }
        return all.isEmpty() ? "-" : String.join(", ", all);
    }

    private static void mermaid(Topology topology, PrintWriter out) {
        out.println("flowchart LR");
        Map<String, String> ids = new java.util.LinkedHashMap<>();
        topology.external().forEach(type -> topology.consumersOf(type).forEach(consumer ->
                out.printf("  outside([outside]) -- %s --> %s%n", type, node(ids, consumer))));
        topology.edges().forEach(edge -> out.printf("  %s -- %s --> %s%n", node(ids, edge.from()), edge.type(),
                node(ids, edge.to())));
    }

    private static String node(Map<String, String> ids, String service) {
        return ids.computeIfAbsent(service, s -> s.replaceAll("[^A-Za-z0-9]", "_") + "[" + s + "]");
    }

    private static void dot(Topology topology, PrintWriter out) {
        out.println("digraph ripple {");
        out.println("  rankdir=LR;");
        topology.external().forEach(type -> topology.consumersOf(type).forEach(consumer ->
                out.printf("  \"outside\" -> \"%s\" [label=\"%s\"];%n", consumer, type)));
        topology.edges().forEach(edge -> out.printf("  \"%s\" -> \"%s\" [label=\"%s\"];%n", edge.from(), edge.to(),
                edge.type()));
        out.println("}");
    }
}

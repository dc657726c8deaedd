package io.ripple.cli.validate;

import io.ripple.manifests.ManifestValidator;
import io.ripple.manifests.Problem;
import io.ripple.manifests.ValidationReport;
import io.ripple.cli.CliException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check every manifest of a directory against the Knative CRD schemas and fabric8's typed",
                "model, and Ripple's rules (every Trigger's subscriber exists, every Service scales to zero and",
                "has health probes). Prints each problem with file, resource and field path; exit 1 on any."})
public class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "knative/base", paramLabel = "DIR",
            description = "manifest directory (default: ${DEFAULT-VALUE})")
    Path directory;

    @Option(names = "--crds", required = true, paramLabel = "DIR",
            description = "directory of Knative CRD YAML files (e.g. ../shared/knative-crds)")
    Path crds;

    @Override
    public Integer call() {
        if (!Files.isDirectory(directory)) {
            throw new CliException("no manifest directory at " + directory.toAbsolutePath());
        }
        if (!Files.isDirectory(crds)) {
            throw new CliException("--crds " + crds + ": no such directory");
        }
        ValidationReport report = ManifestValidator.withCrds(crds).validateDirectory(directory);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        report.notes().forEach(note -> out.println("note: " + note));
        for (Problem problem : report.problems()) {
            err.println(problem);
        }
        out.println(report.isValid() ? directory + ": valid" : directory + ": " + report.problems().size() + " problem(s)");
        out.flush();
        err.flush();
        return report.isValid() ? 0 : 1;
    }
}

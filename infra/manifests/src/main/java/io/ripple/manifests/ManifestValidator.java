package io.ripple.manifests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Validates a manifest set three ways: fabric8's typed model (unknown fields, wrong types,
 * unsupported kinds, found while loading), the CRD schemas, and {@link ManifestRules}.
 * This is what {@code ripple validate} and the build's tests call.
 */
public final class ManifestValidator {

    private final CrdSchemaValidator crds;

    /** A validator checking custom resources against the CRDs loaded in {@code crds}. */
    public ManifestValidator(CrdSchemaValidator crds) {
        this.crds = crds;
    }

    /** A validator for the CRDs in {@code crdDirectory}; see {@link CrdSchemaValidator#load}. */
    public static ManifestValidator withCrds(Path crdDirectory) {
        return new ManifestValidator(CrdSchemaValidator.load(crdDirectory));
    }

    /** Validates the resource files of one directory (see {@link ManifestSet#readDirectory}). */
    public ValidationReport validateDirectory(Path directory) {
        return validate(ManifestSet.readDirectory(directory));
    }

    /** Validates a multi-document YAML stream, e.g. a rendered overlay. */
    public ValidationReport validateYaml(String source, String yaml) {
        return validate(ManifestSet.readYaml(source, yaml));
    }

    /**
     * Renders the kustomization in {@code directory} (e.g. {@code knative/overlays/dev}) and
     * validates the result; problems name {@code <directory> (rendered)} as their file.
     *
     * @throws IllegalStateException when the kustomization does not render
     */
    public ValidationReport validateKustomization(Path directory, KustomizeRenderer renderer) {
        return validateYaml(directory + " (rendered)", renderer.render(directory));
    }

    /** Validates an already loaded set. */
    public ValidationReport validate(ManifestSet set) {
        List<Problem> problems = new ArrayList<>(set.loadProblems());
        TreeSet<String> unchecked = new TreeSet<>();
        for (Manifest manifest : set.manifests()) {
            if (crds.covers(manifest.apiVersion(), manifest.kind())) {
                problems.addAll(crds.validate(manifest));
            } else if (manifest.apiVersion().contains(".")) {
                // a custom resource whose CRD is not at hand: only the fabric8 model checked it
                unchecked.add(manifest.apiVersion() + " " + manifest.kind());
            }
        }
        problems.addAll(ManifestRules.check(set));
        List<String> notes = new ArrayList<>();
        for (String kind : unchecked) {
            notes.add(kind + ": no CRD schema at hand, checked with the fabric8 model only");
        }
        return new ValidationReport(problems, notes);
    }
}

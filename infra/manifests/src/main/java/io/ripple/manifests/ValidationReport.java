package io.ripple.manifests;

import java.util.List;

/**
 * The outcome of validating one manifest set.
 *
 * @param problems what must be fixed; empty when the set is valid
 * @param notes    what could not be checked and why (e.g. a kind with no CRD schema at hand)
 */
public record ValidationReport(List<Problem> problems, List<String> notes) {

    /** Copies both lists. */
    public ValidationReport {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** True when there is no problem (notes do not count). */
    public boolean isValid() {
        return problems.isEmpty();
    }
}

package io.ripple.observability;

import java.util.List;

/**
 * One vector selector found in a PromQL expression, such as
 * {@code ripple_commands_total{outcome="failed"}}.
 *
 * @param metricName the selected series name (from before the braces or a {@code __name__="..."} matcher)
 * @param matchers the label matchers other than the name
 */
public record Selector(String metricName, List<LabelMatcher> matchers) {

    public Selector {
        matchers = List.copyOf(matchers);
    }

    /**
     * One label matcher.
     *
     * @param label the label name
     * @param operator one of {@code =}, {@code !=}, {@code =~}, {@code !~}
     * @param value the string value, unescaped
     */
    public record LabelMatcher(String label, String operator, String value) {

        /** True for {@code =~} and {@code !~}. */
        public boolean isRegex() {
            return operator.endsWith("~");
        }
    }
}

package io.ripple.devbroker.filter;

import io.cloudevents.CloudEvent;
import io.cloudevents.sql.EvaluationRuntime;
import io.cloudevents.sql.Expression;
import io.cloudevents.sql.Result;
import java.util.List;
import java.util.Map;

/**
 * A trigger's filter: the legacy {@code filter.attributes} or one expression of the
 * {@code filters} dialect (Knative's SubscriptionsAPI filters).
 */
public sealed interface EventFilter {

    /** {@code true} when the trigger wants {@code event}. */
    boolean test(CloudEvent event);

    /** No filter: every event. */
    record MatchAll() implements EventFilter {
        @Override
        public boolean test(CloudEvent event) {
            return true;
        }
    }

    /**
     * {@code filter.attributes}: every attribute equal; an empty value only asks that the
     * attribute is present (Knative's attributes filter).
     */
    record Attributes(Map<String, String> attributes) implements EventFilter {
        @Override
        public boolean test(CloudEvent event) {
            for (Map.Entry<String, String> wanted : attributes.entrySet()) {
                String actual = EventAttributes.get(event, wanted.getKey());
                if (actual == null || !(wanted.getValue().isEmpty() || wanted.getValue().equals(actual))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code exact: {attr: value}}. */
    record Exact(String attribute, String value) implements EventFilter {
        @Override
        public boolean test(CloudEvent event) {
            return value.equals(EventAttributes.get(event, attribute));
        }
    }

    /** {@code prefix: {attr: value}}. */
    record Prefix(String attribute, String prefix) implements EventFilter {
        @Override
        public boolean test(CloudEvent event) {
            String actual = EventAttributes.get(event, attribute);
            return actual != null && actual.startsWith(prefix);
        }
    }

    /** {@code suffix: {attr: value}}. */
    record Suffix(String attribute, String suffix) implements EventFilter {
        @Override
        public boolean test(CloudEvent event) {
            String actual = EventAttributes.get(event, attribute);
            return actual != null && actual.endsWith(suffix);
        }
    }

    /** {@code all: [...]}, and also the top-level {@code filters} list (all must pass). */
    record All(List<EventFilter> filters) implements EventFilter {
        @Override
        public boolean test(CloudEvent event) {
            for (EventFilter filter : filters) {
                if (!filter.test(event)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code any: [...]}. */
    record Any(List<EventFilter> filters) implements EventFilter {
        @Override
        public boolean test(CloudEvent event) {
            for (EventFilter filter : filters) {
                if (filter.test(event)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code not: {...}}. */
    record Not(EventFilter filter) implements EventFilter {
        @Override
        public boolean test(CloudEvent event) {
            return !filter.test(event);
        }
    }

    /**
     * {@code cesql: "..."}: passes only when the expression evaluates to boolean {@code true};
     * an evaluation error (e.g. a missing attribute) fails the filter, as in Knative.
     */
    record Cesql(String source, Expression expression) implements EventFilter {
        @Override
        public boolean test(CloudEvent event) {
            Result result = expression.evaluate(EvaluationRuntime.getDefault(), event);
            return !result.isFailed() && Boolean.TRUE.equals(result.value());
        }

        @Override
        public String toString() {
            return "Cesql[" + source + "]";
        }
    }
}

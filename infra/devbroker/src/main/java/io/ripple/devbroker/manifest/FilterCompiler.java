package io.ripple.devbroker.manifest;

import io.cloudevents.sql.ParseException;
import io.cloudevents.sql.Parser;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.knative.eventing.v1.TriggerFilter;
import io.ripple.devbroker.filter.EventFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Turns a Trigger's {@code filter} / {@code filters} into an {@link EventFilter}; {@code filters} wins. */
final class FilterCompiler {

    private final String file;
    private final String resource;

    FilterCompiler(String file, String resource) {
        this.file = file;
        this.resource = resource;
    }

    EventFilter compile(@Nullable TriggerFilter filter, @Nullable List<SubscriptionsAPIFilter> filters) {
        if (filters != null && !filters.isEmpty()) {
            return all(filters, "spec.filters");
        }
        if (filter != null && filter.getAttributes() != null && !filter.getAttributes().isEmpty()) {
            return new EventFilter.Attributes(Map.copyOf(new LinkedHashMap<>(filter.getAttributes())));
        }
        return new EventFilter.MatchAll();
    }

    private EventFilter all(List<SubscriptionsAPIFilter> filters, String field) {
        List<EventFilter> compiled = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            compiled.add(one(filters.get(i), field + "[" + i + "]"));
        }
        return compiled.size() == 1 ? compiled.get(0) : new EventFilter.All(List.copyOf(compiled));
    }

    private EventFilter one(@Nullable SubscriptionsAPIFilter filter, String field) {
        if (filter == null) {
            throw fail(field, "empty filter");
        }
        List<String> dialects = new ArrayList<>();
        if (present(filter.getExact())) dialects.add("exact");
        if (present(filter.getPrefix())) dialects.add("prefix");
        if (present(filter.getSuffix())) dialects.add("suffix");
        if (present(filter.getAll())) dialects.add("all");
        if (present(filter.getAny())) dialects.add("any");
        if (filter.getNot() != null) dialects.add("not");
        if (filter.getCesql() != null) dialects.add("cesql");
        if (dialects.size() != 1) {
            // Knative validates a SubscriptionsAPIFilter as a one-of.
            throw fail(field, "exactly one of exact, prefix, suffix, all, any, not, cesql must be set, found "
                    + (dialects.isEmpty() ? "none" : String.join(", ", dialects)));
        }
        return switch (dialects.get(0)) {
            case "exact" -> {
                Map.Entry<String, String> e = single(filter.getExact(), field + ".exact");
                yield new EventFilter.Exact(e.getKey(), e.getValue());
            }
            case "prefix" -> {
                Map.Entry<String, String> e = single(filter.getPrefix(), field + ".prefix");
                yield new EventFilter.Prefix(e.getKey(), e.getValue());
            }
            case "suffix" -> {
                Map.Entry<String, String> e = single(filter.getSuffix(), field + ".suffix");
                yield new EventFilter.Suffix(e.getKey(), e.getValue());
            }
            case "all" -> new EventFilter.All(list(filter.getAll(), field + ".all"));
            case "any" -> new EventFilter.Any(list(filter.getAny(), field + ".any"));
            case "not" -> new EventFilter.Not(one(filter.getNot(), field + ".not"));
            default -> cesql(filter.getCesql(), field + ".cesql");
        };
    }

    /** fabric8 initialises absent maps and lists as empty ones. */
    private static boolean present(java.util.@Nullable Collection<?> value) {
        return value != null && !value.isEmpty();
    }

    private static boolean present(@Nullable Map<?, ?> value) {
        return value != null && !value.isEmpty();
    }

    private List<EventFilter> list(List<SubscriptionsAPIFilter> filters, String field) {
        if (filters.isEmpty()) {
            throw fail(field, "must list at least one filter");
        }
        List<EventFilter> compiled = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            compiled.add(one(filters.get(i), field + "[" + i + "]"));
        }
        return List.copyOf(compiled);
    }

    /** Knative: exact, prefix and suffix hold exactly one attribute/value pair. */
    private Map.Entry<String, String> single(Map<String, String> map, String field) {
        if (map.size() != 1) {
            throw fail(field, "must hold exactly one attribute: value pair, found " + map.size());
        }
        Map.Entry<String, String> entry = map.entrySet().iterator().next();
        if (entry.getKey().isEmpty() || entry.getValue() == null) {
            throw fail(field, "attribute name and value must be set");
        }
        return entry;
    }

    private EventFilter cesql(String expression, String field) {
        try {
            return new EventFilter.Cesql(expression, Parser.parseDefault(expression));
        } catch (ParseException e) {
            throw fail(field, "invalid CESQL expression '" + expression + "': " + e.getMessage());
        }
    }

    private ManifestException fail(String field, String problem) {
        return ManifestException.at(file, resource, field, problem);
    }
}

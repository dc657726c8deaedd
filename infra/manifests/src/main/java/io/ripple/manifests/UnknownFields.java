package io.ripple.manifests;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds the fields fabric8 did not recognise. fabric8's model classes keep unknown fields
 * in an {@code additionalProperties} map (a {@code @JsonAnySetter}) instead of failing, so
 * a misspelt {@code subscriber} would silently vanish; the Kubernetes API server's strict
 * field validation would reject it. This walks the typed tree and reports every such field
 * with its path.
 */
final class UnknownFields {

    private static final String MODEL_PACKAGE = "io.fabric8.";

    private final ObjectMapper mapper;

    UnknownFields(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Dotted paths of every field the model did not know, e.g. {@code spec.subscriber.reff}. */
    List<String> in(Object resource) {
        List<String> found = new ArrayList<>();
        walk(resource, "", found);
        return found;
    }

    private void walk(@Nullable Object value, String path, List<String> found) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", found);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> walk(item, join(path, String.valueOf(key)), found));
            return;
        }
        if (!value.getClass().getName().startsWith(MODEL_PACKAGE)) {
            return; // a scalar, or free-form content the model deliberately keeps untyped
        }
        BeanDescription bean = mapper.getSerializationConfig().introspect(mapper.constructType(value.getClass()));
        AnnotatedMember anyGetter = bean.findAnyGetter();
        if (anyGetter != null && anyGetter.getValue(value) instanceof Map<?, ?> unknown) {
            unknown.keySet().forEach(key -> found.add(join(path, String.valueOf(key))));
        }
        for (BeanPropertyDefinition property : bean.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor != null && !accessor.equals(anyGetter)) {
                walk(accessor.getValue(value), join(path, property.getName()), found);
            }
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}

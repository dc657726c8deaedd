package io.ripple.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ripple.runtime.Decider;
import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Snapshots as JSON written by Jackson, with a shape computed from the state type itself.
 *
 * <p>The shape is a hash over the structure of the state type: record components (names and
 * types), enum constants, the permitted subtypes of sealed types, recursively. Renaming a
 * field, adding an enum constant or a new state record changes the shape, so snapshots
 * written by an older version of the actor are ignored without anyone remembering to bump
 * a number.
 *
 * <p>A state that is a sealed interface is stored with the name of its concrete record;
 * only the permitted subtypes found while computing the shape are accepted when reading,
 * so a snapshot can never make Jackson instantiate an arbitrary class.
 *
 * @param <S> the state type
 */
public final class JsonSnapshotCodec<S> implements SnapshotCodec<S> {

    private final Class<S> type;
    private final ObjectMapper mapper;
    private final String shape;
    private final Map<String, Class<?>> concreteTypes = new LinkedHashMap<>();

    public JsonSnapshotCodec(Class<S> type, ObjectMapper mapper) {
        this.type = type;
        // Times as ISO text: as JSON numbers they pass through a double and lose nanoseconds,
        // and a state from a snapshot must equal the state from a full replay.
        this.mapper = mapper.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        StringBuilder structure = new StringBuilder();
        describe(type, structure, new HashSet<>());
        this.shape = "json:" + type.getSimpleName() + ":" + sha256(structure.toString()).substring(0, 16);
        collectConcreteTypes(type);
    }

    /**
     * The codec for a decider's state type {@code S}, read from the type arguments of the
     * decider's class ({@code implements Decider<Command, Event, State>}); when they are
     * not visible, the class of its initial state.
     */
    public static <S> JsonSnapshotCodec<S> forDecider(Decider<?, ?, S> decider, ObjectMapper mapper) {
        return new JsonSnapshotCodec<>(stateType(decider), mapper);
    }

    @SuppressWarnings("unchecked")
    private static <S> Class<S> stateType(Decider<?, ?, S> decider) {
        for (Class<?> type = decider.getClass(); type != null; type = type.getSuperclass()) {
            for (Type implemented : type.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType parameterized && parameterized.getRawType() == Decider.class) {
                    Type state = parameterized.getActualTypeArguments()[2];
                    if (state instanceof Class<?> stateClass) {
                        return (Class<S>) stateClass;
                    }
                    if (state instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
                        return (Class<S>) raw;
                    }
                }
            }
        }
        return (Class<S>) decider.initialState().getClass();
    }

    @Override
    public String shape() {
        return shape;
    }

    @Override
    public byte[] encode(S state) {
        ObjectNode wrapper = mapper.createObjectNode();
        wrapper.put("class", state.getClass().getName());
        wrapper.set("state", mapper.valueToTree(state));
        try {
            return mapper.writeValueAsBytes(wrapper);
        } catch (IOException e) {
            throw new IllegalArgumentException("state " + type.getName() + " does not encode: " + e.getMessage(), e);
        }
    }

    @Override
    public S decode(byte[] bytes) {
        try {
            JsonNode wrapper = mapper.readTree(bytes);
            String className = wrapper.path("class").asText();
            Class<?> concrete = concreteTypes.get(className);
            if (concrete == null) {
                throw new IllegalArgumentException("class " + className + " is not a state of " + type.getName());
            }
            return type.cast(mapper.treeToValue(wrapper.get("state"), concrete));
        } catch (IOException e) {
            throw new IllegalArgumentException("snapshot does not decode as " + type.getName() + ": " + e.getMessage(),
                    e);
        }
    }

    private void collectConcreteTypes(Class<?> candidate) {
        if (candidate.isSealed()) {
            for (Class<?> permitted : candidate.getPermittedSubclasses()) {
                collectConcreteTypes(permitted);
            }
        }
        if (!candidate.isInterface() && !java.lang.reflect.Modifier.isAbstract(candidate.getModifiers())) {
            concreteTypes.put(candidate.getName(), candidate);
        }
    }

    /** A canonical text of the type's structure; recursion stops at types already seen. */
    private static void describe(Type type, StringBuilder out, Set<Type> seen) {
        if (type instanceof ParameterizedType parameterized) {
            describe(parameterized.getRawType(), out, seen);
            out.append('<');
            for (Type argument : parameterized.getActualTypeArguments()) {
                describe(argument, out, seen);
                out.append(',');
            }
            out.append('>');
            return;
        }
        if (type instanceof GenericArrayType array) {
            describe(array.getGenericComponentType(), out, seen);
            out.append("[]");
            return;
        }
        if (type instanceof WildcardType wildcard) {
            out.append('?');
            for (Type bound : wildcard.getUpperBounds()) {
                describe(bound, out, seen);
            }
            return;
        }
        if (!(type instanceof Class<?> clazz)) {
            out.append(type.getTypeName());
            return;
        }
        out.append(clazz.getName());
        if (!seen.add(clazz) || clazz.isPrimitive() || clazz.getName().startsWith("java.")) {
            return;
        }
        if (clazz.isArray()) {
            describe(clazz.getComponentType(), out, seen);
            out.append("[]");
        } else if (clazz.isEnum()) {
            out.append('{');
            for (Object constant : clazz.getEnumConstants()) {
                out.append(((Enum<?>) constant).name()).append(',');
            }
            out.append('}');
        } else if (clazz.isRecord()) {
            out.append('(');
            for (RecordComponent component : clazz.getRecordComponents()) {
                out.append(component.getName()).append(':');
                describe(component.getGenericType(), out, seen);
                out.append(';');
            }
            out.append(')');
        }
        if (clazz.isSealed()) {
            out.append('|');
            for (Class<?> permitted : clazz.getPermittedSubclasses()) {
                describe(permitted, out, seen);
                out.append('|');
            }
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

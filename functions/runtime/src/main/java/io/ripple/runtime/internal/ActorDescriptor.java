package io.ripple.runtime.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ripple.runtime.ActorDefinition;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What an actor consumes and emits, as served at {@code GET /q/ripple} and written at build
 * time into {@code META-INF/ripple/actor.json}, where {@code ripple topology} reads it
 * without starting the function.
 *
 * @param actor     the actor type
 * @param consumes  every type its Trigger must deliver (commands and reactions)
 * @param commands  its command types
 * @param reactions the other actors' event types it reacts to
 * @param emits     the event types it emits
 */
public record ActorDescriptor(String actor, List<String> consumes, List<String> commands, List<String> reactions,
        List<String> emits) {

    /** Where the descriptor lives in an actor's jar. */
    public static final String RESOURCE = "META-INF/ripple/actor.json";

    public static ActorDescriptor of(ActorDefinition<?, ?, ?> definition) {
        return new ActorDescriptor(definition.name(), List.copyOf(definition.consumedTypes()),
                List.copyOf(definition.commandTypes()), List.copyOf(definition.reactionTypes()),
                List.copyOf(definition.eventTypes()));
    }

    /**
     * Build step (exec-maven-plugin, process-classes): writes the descriptor of the
     * definition held by a static field.
     *
     * @param args {@code <class>#<static field> <output file>}
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].contains("#")) {
            throw new IllegalArgumentException("usage: ActorDescriptor <class>#<static field> <output file>");
        }
        String[] reference = args[0].split("#", 2);
        Class<?> holder = Class.forName(reference[0], true, Thread.currentThread().getContextClassLoader());
        Field field = holder.getField(reference[1]);
        if (!Modifier.isStatic(field.getModifiers()) || !(field.get(null) instanceof ActorDefinition<?, ?, ?> definition)) {
            throw new IllegalArgumentException(args[0] + " is not a static ActorDefinition field");
        }
        Path output = Path.of(args[1]);
        Files.createDirectories(output.getParent());
        write(of(definition), output);
    }

    static void write(ActorDescriptor descriptor, Path output) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.toFile(), descriptor);
    }
}

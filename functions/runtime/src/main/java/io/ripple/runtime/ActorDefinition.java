package io.ripple.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Everything the runtime needs to know about one actor type: its name (the Knative
 * Service name and the first half of every mailbox address), its decider, and which
 * records its commands and events are bound to.
 *
 * <p>Types are listed explicitly instead of scanned so that a native image needs no
 * classpath scanning and a reader sees the whole vocabulary of an actor in one place.
 *
 * @param <C> command type
 * @param <E> event type
 * @param <S> state type
 */
public final class ActorDefinition<C, E, S> {

    private static final Pattern ACTOR_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private final String name;
    private final Decider<C, E, S> decider;
    private final Map<String, Class<? extends C>> commands;
    private final Map<String, Class<? extends E>> events;
    private final Map<String, Reaction<?, C>> reactions;
    private final Optional<DeadLetters> deadLetters;

    private ActorDefinition(String name, Decider<C, E, S> decider, Map<String, Class<? extends C>> commands,
            Map<String, Class<? extends E>> events, Map<String, Reaction<?, C>> reactions,
            Optional<DeadLetters> deadLetters) {
        this.name = name;
        this.decider = decider;
        this.commands = Collections.unmodifiableMap(commands);
        this.events = Collections.unmodifiableMap(events);
        this.reactions = Collections.unmodifiableMap(reactions);
        this.deadLetters = deadLetters;
    }

    /**
     * Where dead letters delivered to this actor's Service go: a Trigger whose
     * {@code deadLetterSink} is this Service sends the failed event with its own type plus the
     * {@code knativeerrordest}, {@code knativeerrorcode} and {@code knativeerrordata}
     * extensions; the runtime turns it into {@code commandType} for the actor {@code actorId}.
     * The command's data is {@code {eventId, eventType, eventSubject, trigger, statusCode,
     * reason, at}} ({@code trigger} = the destination that failed).
     *
     * @param commandType one of this actor's command types
     * @param actorId     the actor that receives every dead letter
     */
    public record DeadLetters(String commandType, String actorId) {
    }

    /**
     * How an actor reacts to another actor's event: the record it reads the event into (its
     * own view of that event, declared in its own decider file, so actors never import each
     * other) and the pure function that turns it into a command for one of its actors, or
     * into nothing when the event does not concern it.
     *
     * @param <F> the record of the foreign event
     * @param <C> the reacting actor's command type
     */
    public record Reaction<F, C>(Class<F> eventClass, BiFunction<F, EventMetadata, Optional<Routed<C>>> route) {

        /** Applies the route to an event already bound to {@link #eventClass}. */
        public Optional<Routed<C>> routeEvent(Object event, EventMetadata metadata) {
            return route.apply(eventClass.cast(event), metadata);
        }
    }

    /** Starts a definition; {@code name} must be a valid Kubernetes name (DNS-1123 label). */
    public static <C, E, S> Builder<C, E, S> builder(String name, Decider<C, E, S> decider) {
        if (!ACTOR_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("actor name '" + name + "' is not a DNS-1123 label");
        }
        return new Builder<>(name, Objects.requireNonNull(decider, "decider"));
    }

    public String name() {
        return name;
    }

    public Decider<C, E, S> decider() {
        return decider;
    }

    /** The command types this actor consumes. */
    public Set<String> commandTypes() {
        return commands.keySet();
    }

    /** The other actors' event types this actor reacts to. */
    public Set<String> reactionTypes() {
        return reactions.keySet();
    }

    /** Everything this actor's Trigger must deliver: its commands and the events it reacts to. */
    public Set<String> consumedTypes() {
        Set<String> all = new java.util.LinkedHashSet<>(commands.keySet());
        all.addAll(reactions.keySet());
        return Collections.unmodifiableSet(all);
    }

    /** How dead letters reach this actor, if they do (see {@link Builder#deadLetters}). */
    public Optional<DeadLetters> deadLetters() {
        return deadLetters;
    }

    public Optional<Reaction<?, C>> reaction(String type) {
        return Optional.ofNullable(reactions.get(type));
    }

    /** The CloudEvent types this actor emits. */
    public Set<String> eventTypes() {
        return events.keySet();
    }

    public Optional<Class<? extends C>> commandClass(String type) {
        return Optional.ofNullable(commands.get(type));
    }

    public Optional<Class<? extends E>> eventClass(String type) {
        return Optional.ofNullable(events.get(type));
    }

    /** The CloudEvent type a command or event record is bound to. */
    public static String typeOf(Object message) {
        return typeOf(message.getClass());
    }

    /** The CloudEvent type a record class is bound to by {@link MessageType}. */
    public static String typeOf(Class<?> messageClass) {
        MessageType binding = messageClass.getAnnotation(MessageType.class);
        if (binding == null) {
            throw new IllegalArgumentException(messageClass.getName() + " has no @MessageType");
        }
        return binding.value();
    }

    /** Collects the command and event records of an actor. */
    public static final class Builder<C, E, S> {
        private final String name;
        private final Decider<C, E, S> decider;
        private final Map<String, Class<? extends C>> commands = new LinkedHashMap<>();
        private final Map<String, Class<? extends E>> events = new LinkedHashMap<>();
        private final Map<String, Reaction<?, C>> reactions = new LinkedHashMap<>();
        private Optional<DeadLetters> deadLetters = Optional.empty();

        private Builder(String name, Decider<C, E, S> decider) {
            this.name = name;
            this.decider = decider;
        }

        @SafeVarargs
        public final Builder<C, E, S> commands(Class<? extends C>... classes) {
            for (Class<? extends C> c : classes) {
                register(commands, c);
            }
            return this;
        }

        @SafeVarargs
        public final Builder<C, E, S> events(Class<? extends E>... classes) {
            for (Class<? extends E> e : classes) {
                register(events, e);
            }
            return this;
        }

        /**
         * Reacts to another actor's event, read into {@code eventClass} (annotated with the
         * foreign event's {@link MessageType}), by routing a command to one of this actor's ids.
         */
        public <F> Builder<C, E, S> reactsTo(Class<F> eventClass, Function<F, Optional<Routed<C>>> route) {
            return reactsTo(eventClass, (event, metadata) -> route.apply(event));
        }

        /** Like {@link #reactsTo(Class, Function)}, for routes that need the event's envelope (e.g. its time). */
        public <F> Builder<C, E, S> reactsTo(Class<F> eventClass,
                BiFunction<F, EventMetadata, Optional<Routed<C>>> route) {
            String type = typeOf(eventClass);
            if (reactions.putIfAbsent(type, new Reaction<>(eventClass, route)) != null) {
                throw new IllegalArgumentException("reaction to " + type + " declared twice");
            }
            return this;
        }

        /**
         * Receives dead letters: an incoming event carrying {@code knativeerrordest} becomes
         * a {@code commandClass} command for the actor {@code actorId}, whatever its type.
         */
        public Builder<C, E, S> deadLetters(Class<? extends C> commandClass, String actorId) {
            register(commands, commandClass);
            deadLetters = Optional.of(new DeadLetters(typeOf(commandClass), Objects.requireNonNull(actorId, "actorId")));
            return this;
        }

        private static <T> void register(Map<String, Class<? extends T>> map, Class<? extends T> type) {
            String ceType = typeOf(type);
            Class<? extends T> previous = map.putIfAbsent(ceType, type);
            if (previous != null && previous != type) {
                throw new IllegalArgumentException("type " + ceType + " bound twice: "
                        + previous.getName() + " and " + type.getName());
            }
        }

        public ActorDefinition<C, E, S> build() {
            if (commands.isEmpty() && reactions.isEmpty()) {
                throw new IllegalStateException("actor " + name + " consumes nothing");
            }
            for (String type : commands.keySet()) {
                if (events.containsKey(type) || reactions.containsKey(type)) {
                    throw new IllegalStateException("type " + type + " is bound twice in actor " + name);
                }
            }
            for (String type : reactions.keySet()) {
                if (events.containsKey(type)) {
                    throw new IllegalStateException("actor " + name + " reacts to its own event " + type);
                }
            }
            return new ActorDefinition<>(name, decider, commands, events, reactions, deadLetters);
        }
    }
}

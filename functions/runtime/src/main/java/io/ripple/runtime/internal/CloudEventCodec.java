package io.ripple.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.ripple.runtime.ActorDefinition;
import io.ripple.runtime.EventMetadata;
import io.ripple.runtime.Routed;
import io.ripple.runtime.store.StreamId;
import io.ripple.runtime.store.TimerChange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Maps between CloudEvents and an actor's command and event records.
 *
 * <p>Emitted events follow the wire contract: source {@code /actors/<type>/<id>},
 * {@code subject}, {@code partitionkey}, {@code correlationid} inherited from the command,
 * {@code causationid} = the command id, trace context propagated, and an id derived from
 * the command id and the event's position so that re-processing a redelivered command
 * yields the same ids.
 */
public final class CloudEventCodec<C, E, S> {

    private final ActorDefinition<C, E, S> actor;
    private final ObjectMapper mapper;

    public CloudEventCodec(ActorDefinition<C, E, S> actor, ObjectMapper mapper) {
        this.actor = actor;
        // Commands and events without fields ({} on the wire) are normal, not a mistake.
        this.mapper = mapper.copy().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /**
     * Builds now, ahead of the first command, the JSON bindings of every type this actor reads or
     * writes, and the JSON parser itself: Jackson builds a type's (de)serializer on its first use,
     * which would otherwise be the first command's (a few milliseconds of a cold start, see
     * {@link FirstCommandWarmUp}). Also the two things encoding an event sets up on first use: the
     * digest behind its id and the escaper of its source.
     */
    public void prepareForFirstCommand() {
        UUID.nameUUIDFromBytes(new byte[0]);
        WireAttributes.actorSource(actor.name(), "warm-up");
        try {
            mapper.readTree("{}");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the JSON parser cannot read {}", e);
        }
        for (String type : actor.commandTypes()) {
            actor.commandClass(type).ifPresent(mapper::readerFor);
        }
        for (String type : actor.reactionTypes()) {
            actor.reaction(type).ifPresent(reaction -> mapper.readerFor(reaction.eventClass()));
        }
        for (String type : actor.eventTypes()) {
            actor.eventClass(type).ifPresent(eventClass -> {
                mapper.readerFor(eventClass);
                mapper.writerFor(eventClass);
            });
        }
    }

    /** The mapper binding records, also used for snapshots of the actor's state. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The command this CloudEvent means for this actor, and which actor must process it: a
     * command goes to its {@code subject}; another actor's event goes where the actor's
     * reaction routes it, or nowhere. A 400 problem when it cannot be bound.
     */
    public Optional<Routed<C>> route(IncomingCommand incoming) {
        Optional<Class<? extends C>> commandClass = actor.commandClass(incoming.type());
        if (commandClass.isPresent()) {
            String subject = incoming.subject();
            if (subject == null || subject.isBlank()) {
                throw ProblemException.badCommand("missing-subject", "Missing subject", "command " + incoming.id()
                        + " of type " + incoming.type() + " has no subject: set it to the id of the actor it is for");
            }
            return Optional.of(new Routed<>(subject, bind(incoming, commandClass.get())));
        }
        ActorDefinition.Reaction<?, C> reaction = actor.reaction(incoming.type()).orElseThrow(
                () -> ProblemException.badCommand("unknown-type", "Unknown command type", "actor " + actor.name()
                        + " does not consume '" + incoming.type() + "'; it consumes " + actor.consumedTypes()));
        EventMetadata metadata = new EventMetadata(incoming.id(), incoming.source(), incoming.subject(),
                incoming.time(), incoming.chainId());
        Object event = bind(incoming, reaction.eventClass());
        try {
            return reaction.routeEvent(event, metadata);
        } catch (IllegalArgumentException e) {
            // A route refusing the event's content is bad input, like data that does not bind.
            throw ProblemException.badCommand("undecodable-data", "Unroutable event",
                    incoming.type() + " " + incoming.id() + " cannot be routed by actor " + actor.name() + ": "
                            + e.getMessage());
        }
    }

    private <T> T bind(IncomingCommand incoming, Class<T> type) {
        JsonNode data = incoming.data() == null ? JsonNodeFactory.instance.objectNode() : incoming.data();
        try {
            return mapper.treeToValue(data, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ProblemException.badCommand("undecodable-data", "Undecodable command data",
                    "data of " + incoming.type() + " does not fit " + type.getSimpleName() + ": " + rootMessage(e));
        }
    }

    /** Binds a stored event back to its record, to rebuild state. */
    public E decodeEvent(CloudEvent event) {
        Class<? extends E> type = actor.eventClass(event.getType()).orElseThrow(() -> new IllegalStateException(
                "stored event type " + event.getType() + " is not an event of actor " + actor.name()));
        try {
            byte[] data = event.getData() == null ? "{}".getBytes(StandardCharsets.UTF_8) : event.getData().toBytes();
            return mapper.readValue(data, type);
        } catch (IOException e) {
            throw new IllegalStateException("stored event " + event.getId() + " does not decode: " + e.getMessage(), e);
        }
    }

    /** Decodes all stored events, oldest first. */
    public List<E> decodeEvents(List<CloudEvent> events) {
        List<E> decoded = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            decoded.add(decodeEvent(event));
        }
        return decoded;
    }

    /** The CloudEvents for the events {@code cause} produced, in order. */
    public List<CloudEvent> encodeEvents(List<E> events, IncomingCommand cause, StreamId stream, OffsetDateTime now) {
        List<CloudEvent> encoded = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            encoded.add(encodeEvent(events.get(i), i, cause, stream, now));
        }
        return encoded;
    }

    private CloudEvent encodeEvent(E event, int index, IncomingCommand cause, StreamId stream, OffsetDateTime now) {
        byte[] data;
        try {
            data = mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.getClass().getName() + " does not encode", e);
        }
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(eventId(stream, cause.id(), index))
                .withSource(URI.create(WireAttributes.actorSource(stream.actorType(), stream.actorId())))
                .withType(ActorDefinition.typeOf(event))
                .withSubject(stream.actorId())
                .withTime(now)
                .withDataContentType(WireAttributes.JSON)
                .withData(data)
                .withExtension(WireAttributes.PARTITION_KEY, stream.partitionKey())
                .withExtension(WireAttributes.CORRELATION_ID, cause.chainId())
                .withExtension(WireAttributes.CAUSATION_ID, cause.id());
        if (cause.traceparent() != null) {
            builder.withExtension(WireAttributes.TRACEPARENT, cause.traceparent());
        }
        if (cause.tracestate() != null) {
            builder.withExtension(WireAttributes.TRACESTATE, cause.tracestate());
        }
        return builder.build();
    }

    /**
     * The CloudEvent of a command that a timer sends later (see
     * {@link io.ripple.runtime.ScheduleCommand}): addressed to {@code target}, with the due
     * time as its {@code time}, the chain and trace of the command that scheduled it, the
     * scheduling event as its cause, and the timer's name in the {@code rippletimer}
     * extension. Its id derives from the scheduling event's id, which makes it the
     * timer's id.
     */
    public CloudEvent encodeTimerCommand(Object command, String timerName, CloudEvent scheduledBy,
            IncomingCommand cause, StreamId owner, StreamId target, OffsetDateTime dueAt) {
        byte[] data;
        try {
            data = mapper.writeValueAsBytes(command);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("timer command " + command.getClass().getName() + " does not encode", e);
        }
        String name = "ripple-timer:" + scheduledBy.getId();
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString())
                .withSource(URI.create(WireAttributes.actorSource(owner.actorType(), owner.actorId())))
                .withType(ActorDefinition.typeOf(command))
                .withSubject(target.actorId())
                .withTime(dueAt)
                .withDataContentType(WireAttributes.JSON)
                .withData(data)
                .withExtension(WireAttributes.PARTITION_KEY, target.partitionKey())
                .withExtension(WireAttributes.CORRELATION_ID, cause.chainId())
                .withExtension(WireAttributes.CAUSATION_ID, scheduledBy.getId())
                .withExtension(TimerChange.TIMER_EXTENSION, timerName);
        if (cause.traceparent() != null) {
            builder.withExtension(WireAttributes.TRACEPARENT, cause.traceparent());
        }
        if (cause.tracestate() != null) {
            builder.withExtension(WireAttributes.TRACESTATE, cause.tracestate());
        }
        return builder.build();
    }

    /** Deterministic: the same command on the same actor always yields the same ids. */
    static String eventId(StreamId stream, String commandId, int index) {
        String name = "ripple:" + stream.partitionKey() + ":" + commandId + ":" + index;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        // Jackson appends source locations that mean nothing to a caller of a broker.
        int location = message.indexOf("\n at [Source");
        return location > 0 ? message.substring(0, location) : message;
    }
}

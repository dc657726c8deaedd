package io.ripple.runtime;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * The envelope of another actor's event, for reactions that need more than its data: when
 * it happened (deciders have no clock), who emitted it, which chain it belongs to.
 *
 * @param id            the event's CloudEvent id
 * @param source        who emitted it, e.g. {@code /actors/coffee-machine/m1}
 * @param subject       the emitting actor's id, if any
 * @param time          when it happened, if the emitter said
 * @param correlationId the chain it belongs to
 */
public record EventMetadata(String id, String source, @Nullable String subject, @Nullable OffsetDateTime time,
        String correlationId) {
}

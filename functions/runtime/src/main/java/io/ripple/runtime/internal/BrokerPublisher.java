package io.ripple.runtime.internal;

import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends an actor's events to the broker through the {@value #CHANNEL} channel and
 * completes only when the connector acknowledged each of them (the broker accepted it).
 */
@ApplicationScoped
public class BrokerPublisher {

    /** The outgoing channel; its connector is {@code ripple-knative-sink} unless configured otherwise. */
    public static final String CHANNEL = "ripple-events";

    private final MutinyEmitter<CloudEvent> emitter;

    @Inject
    public BrokerPublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            MutinyEmitter<CloudEvent> emitter) {
        this.emitter = emitter;
    }

    /** Publishes in order, each event after the previous one was accepted. */
    public Uni<Void> publish(List<CloudEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (CloudEvent event : events) {
            chain = chain.chain(() -> emitter.send(event));
        }
        return chain;
    }
}

package io.ripple.devbroker.delivery;

import io.ripple.devbroker.topology.ServiceReference;
import java.net.URI;
import java.util.concurrent.CompletionStage;

/**
 * Finds where a Knative Service receives events. Asynchronous because a Serving emulator may
 * have to start the function first (scale from zero) before it has an address.
 */
public interface SubscriberResolver {

    /**
     * The base URL of {@code service}; fails with {@link UnresolvedSubscriberException} when it
     * has none (the delivery then counts as a failed attempt and is retried).
     */
    CompletionStage<URI> resolve(ServiceReference service);
}

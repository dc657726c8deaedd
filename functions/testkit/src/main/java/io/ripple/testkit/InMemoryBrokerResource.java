package io.ripple.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.ripple.runtime.internal.BrokerPublisher;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.util.Map;

/**
 * For {@code @QuarkusTest}s of an actor function: routes the actor's outgoing events to
 * SmallRye's in-memory connector instead of K_SINK, where the test reads them.
 */
public class InMemoryBrokerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return InMemoryConnector.switchOutgoingChannelsToInMemory(BrokerPublisher.CHANNEL);
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
    }
}

package io.ripple.coffeemachine;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts a {@link StubBroker} and points the actor's K_SINK channel at it. */
public class StubBrokerResource implements QuarkusTestResourceLifecycleManager {

    static volatile StubBroker broker;

    @Override
    public Map<String, String> start() {
        broker = new StubBroker();
        return Map.of("mp.messaging.outgoing.ripple-events.url", broker.url());
    }

    @Override
    public void stop() {
        broker.stop();
    }
}

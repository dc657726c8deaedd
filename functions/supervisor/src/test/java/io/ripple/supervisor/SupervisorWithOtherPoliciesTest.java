package io.ripple.supervisor;

import io.ripple.testkit.InMemoryBrokerResource;
import io.ripple.testkit.PublishedEvents;

import static io.ripple.testkit.ActorRequests.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

/** The same function started with another policy file heals differently: no code changed. */
@QuarkusTest
@TestProfile(SupervisorWithOtherPoliciesTest.NoRetryPolicies.class)
@QuarkusTestResource(value = InMemoryBrokerResource.class, restrictToAnnotatedClass = true)
class SupervisorWithOtherPoliciesTest {

    /** Points ripple.supervisor.policies at a stricter file. */
    public static class NoRetryPolicies implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ripple.supervisor.policies", "src/test/resources/policies/no-retry.yaml");
        }
    }

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Test
    void aFailedBrewGivesTheOrderUpAtOnce() {
        PublishedEvents published = PublishedEvents.from(connector);
        String order = "o-" + UUID.randomUUID();
        event("coffee.machine.brewing-finished", "coffee-machine", "m1", SupervisorFunctionTest.failedBrew(order))
                .statusCode(204);

        assertThat(published.all()).extracting(CloudEvent::getType)
                .containsExactly("coffee.supervisor.policy-applied", "coffee.supervisor.order-given-up");
    }
}

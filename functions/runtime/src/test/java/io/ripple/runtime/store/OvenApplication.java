package io.ripple.runtime.store;

import io.ripple.runtime.ActorDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes the runtime module's {@code @QuarkusTest}s an oven application. */
@ApplicationScoped
public class OvenApplication {

    @Produces
    @ApplicationScoped
    ActorDefinition<Oven.Command, Oven.Event, Oven.State> oven() {
        return Oven.DEFINITION;
    }
}

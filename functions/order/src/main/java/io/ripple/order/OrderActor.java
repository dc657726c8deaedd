package io.ripple.order;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.ripple.runtime.ActorDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Hands the order's definition to the runtime. The records are registered for reflection
 * here, not in the decider, so the decider stays free of framework types.
 */
@ApplicationScoped
@RegisterForReflection(targets = {
        Order.Place.class, Order.Complete.class, Order.Fail.class, Order.OrderAccepted.class,
        Order.OrderRejected.class, Order.OrderCompleted.class, Order.OrderFailed.class, Order.RefundRequested.class,
        Order.CommandRejected.class, Order.BrewingFinished.class, Order.OrderGivenUp.class, Order.State.class })
public class OrderActor {

    @Produces
    @ApplicationScoped
    ActorDefinition<Order.Command, Order.Event, Order.State> definition() {
        return Order.DEFINITION;
    }
}

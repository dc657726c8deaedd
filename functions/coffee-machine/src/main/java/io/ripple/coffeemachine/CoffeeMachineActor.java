package io.ripple.coffeemachine;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.ripple.runtime.ActorDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hands the coffee machine's definition to the runtime. The records are registered for
 * reflection here, not in the decider, so the decider stays free of framework types.
 */
@ApplicationScoped
@RegisterForReflection(targets = {
        CoffeeMachine.Initialize.class, CoffeeMachine.Brew.class, CoffeeMachine.FinishBrewing.class,
        CoffeeMachine.PowerOff.class, CoffeeMachine.InitializationCompleted.class, CoffeeMachine.BrewStarted.class,
        CoffeeMachine.BrewingFinished.class, CoffeeMachine.PoweredOff.class, CoffeeMachine.CommandRejected.class,
        CoffeeMachine.CheckBrewing.class, CoffeeMachine.BrewingTimedOut.class, CoffeeMachine.OrderAssigned.class,
        CoffeeMachine.MachineResetRequested.class, CoffeeMachine.State.class })
public class CoffeeMachineActor {

    /** How long the hardware has to report a brew's end; tests and demos shorten it. */
    @ConfigProperty(name = "ripple.coffee-machine.brew-timeout", defaultValue = "90s")
    Duration brewTimeout;

    @Produces
    @ApplicationScoped
    ActorDefinition<CoffeeMachine.Command, CoffeeMachine.Event, CoffeeMachine.State> definition() {
        return CoffeeMachine.definition(brewTimeout);
    }
}

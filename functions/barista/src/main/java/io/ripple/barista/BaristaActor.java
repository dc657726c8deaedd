package io.ripple.barista;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.ripple.runtime.ActorDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Hands the barista's definition to the runtime. The records are registered for reflection
 * here, not in the decider, so the decider stays free of framework types.
 */
@ApplicationScoped
@RegisterForReflection(targets = {
        Barista.QueueOrder.class, Barista.NoteMachineReady.class, Barista.NoteBrewStarted.class,
        Barista.NoteMachineUnavailable.class, Barista.NoteBrewRefused.class, Barista.TakeMachineOut.class,
        Barista.PutMachineBack.class, Barista.DropOrder.class, Barista.OrderQueued.class, Barista.OrderAssigned.class,
        Barista.OrderDropped.class, Barista.MachineStatusUpdated.class, Barista.CommandRejected.class,
        Barista.OrderAccepted.class, Barista.OrderFailed.class, Barista.MachineInitialized.class,
        Barista.BrewStarted.class, Barista.BrewingFinished.class, Barista.BrewingTimedOut.class,
        Barista.PoweredOff.class, Barista.MachineCommandRejected.class, Barista.OrderRetryRequested.class,
        Barista.MachineTakenOut.class, Barista.MachinePutBack.class, Barista.State.class, Barista.MachineView.class,
        Barista.QueuedOrder.class })
public class BaristaActor {

    @Produces
    @ApplicationScoped
    ActorDefinition<Barista.Command, Barista.Event, Barista.State> definition() {
        return Barista.DEFINITION;
    }
}

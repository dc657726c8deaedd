package io.ripple.barista;

import static io.ripple.barista.Barista.MachineStatus.ASSIGNED;
import static io.ripple.barista.Barista.MachineStatus.BREWING;
import static io.ripple.barista.Barista.MachineStatus.FAULTY;
import static io.ripple.barista.Barista.MachineStatus.OFF;
import static io.ripple.barista.Barista.MachineStatus.READY;
import static io.ripple.barista.Barista.MachineStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.barista.Barista.BrewStarted;
import io.ripple.barista.Barista.BrewingFinished;
import io.ripple.barista.Barista.BrewingTimedOut;
import io.ripple.barista.Barista.Command;
import io.ripple.barista.Barista.CommandRejected;
import io.ripple.barista.Barista.DropOrder;
import io.ripple.barista.Barista.Event;
import io.ripple.barista.Barista.MachineCommandRejected;
import io.ripple.barista.Barista.MachineInitialized;
import io.ripple.barista.Barista.MachinePutBack;
import io.ripple.barista.Barista.MachineStatus;
import io.ripple.barista.Barista.MachineStatusUpdated;
import io.ripple.barista.Barista.MachineTakenOut;
import io.ripple.barista.Barista.MachineView;
import io.ripple.barista.Barista.NoteBrewRefused;
import io.ripple.barista.Barista.NoteBrewStarted;
import io.ripple.barista.Barista.NoteMachineReady;
import io.ripple.barista.Barista.NoteMachineUnavailable;
import io.ripple.barista.Barista.OrderAccepted;
import io.ripple.barista.Barista.OrderAssigned;
import io.ripple.barista.Barista.OrderDropped;
import io.ripple.barista.Barista.OrderFailed;
import io.ripple.barista.Barista.OrderQueued;
import io.ripple.barista.Barista.OrderRetryRequested;
import io.ripple.barista.Barista.PoweredOff;
import io.ripple.barista.Barista.PutMachineBack;
import io.ripple.barista.Barista.QueueOrder;
import io.ripple.barista.Barista.QueuedOrder;
import io.ripple.barista.Barista.State;
import io.ripple.barista.Barista.TakeMachineOut;
import io.ripple.runtime.ActorDefinition;
import io.ripple.runtime.EventMetadata;
import io.ripple.runtime.Routed;
import io.ripple.testkit.DeciderFixture;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BaristaTest {

    private final DeciderFixture<Command, Event, State> barista = DeciderFixture.of(new Barista());

    private static MachineStatusUpdated machine(String id, MachineStatus status) {
        return new MachineStatusUpdated(id, status, true, null, null, null);
    }

    private static MachineStatusUpdated machine(String id, MachineStatus status, String order) {
        return new MachineStatusUpdated(id, status, true, order, "latte", null);
    }

    private static State state(Map<String, MachineView> machines, QueuedOrder... queue) {
        return new State(machines, List.of(queue));
    }

    // ---- queueing and assigning -------------------------------------------------------

    @Test
    void anOrderWithNoMachineReadyWaitsInTheQueue() {
        barista.givenNothing()
                .when(new QueueOrder("o1", "latte", null))
                .then(new OrderQueued("o1", "latte", null))
                .thenState(state(Map.of(), new QueuedOrder("o1", "latte", null)));
    }

    @Test
    void anOrderGoesToAReadyMachineAfterBeingQueued() {
        barista.given(machine("m1", READY))
                .when(new QueueOrder("o1", "latte", null))
                .then(new OrderQueued("o1", "latte", null), new OrderAssigned("o1", "m1", "latte"))
                .thenState(state(Map.of("m1", new MachineView(ASSIGNED, true, "o1", "latte"))));
    }

    @Test
    void theReadyMachineWithTheLowestIdIsChosen() {
        barista.given(machine("m2", READY), machine("m1", READY))
                .when(new QueueOrder("o1", "latte", null))
                .then(new OrderQueued("o1", "latte", null), new OrderAssigned("o1", "m1", "latte"));
    }

    @Test
    void aMachineThatBecomesReadyTakesTheOldestOrder() {
        barista.given(machine("m1", BREWING, "o0"), new OrderQueued("o1", "latte", null),
                        new OrderQueued("o2", "mocha", null))
                .when(new NoteMachineReady("m1"))
                .then(machine("m1", READY), new OrderAssigned("o1", "m1", "latte"))
                .thenState(state(Map.of("m1", new MachineView(ASSIGNED, true, "o1", "latte")),
                        new QueuedOrder("o2", "mocha", null)));
    }

    @Test
    void machinesNeverHeardOfGetNoOrders() {
        barista.given(new OrderQueued("o1", "latte", null))
                .when(new NoteBrewRefused("m9", "cannot brew while OFF"))
                .thenNothing();
    }

    @Test
    void aBrewStartedForTheAssignedOrderMakesTheMachineBrewing() {
        barista.given(machine("m1", READY), new OrderAssigned("o1", "m1", "latte"))
                .when(new NoteBrewStarted("m1", "o1", "latte"))
                .then(machine("m1", BREWING, "o1"))
                .thenState(state(Map.of("m1", new MachineView(BREWING, true, "o1", "latte"))));
    }

    // ---- retries go to another machine ----------------------------------------------

    @Test
    void aRetryAvoidsTheMachineThatFailedTheOrder() {
        barista.given(machine("m1", READY), machine("m2", READY))
                .when(new QueueOrder("o1", "latte", "m1"))
                .then(new OrderQueued("o1", "latte", "m1"), new OrderAssigned("o1", "m2", "latte"));
    }

    @Test
    void aRetryWaitsForAnotherMachineThatIsStillInService() {
        barista.given(machine("m1", READY), machine("m2", BREWING, "o9"))
                .when(new QueueOrder("o1", "latte", "m1"))
                .then(new OrderQueued("o1", "latte", "m1"));
        barista.given(machine("m1", READY), machine("m2", BREWING, "o9"), new OrderQueued("o1", "latte", "m1"))
                .when(new NoteMachineReady("m2"))
                .then(machine("m2", READY), new OrderAssigned("o1", "m2", "latte"));
    }

    @Test
    void aRetryTakesTheAvoidedMachineWhenNoOtherCouldServeIt() {
        barista.given(machine("m1", READY), machine("m2", OFF))
                .when(new QueueOrder("o1", "latte", "m1"))
                .then(new OrderQueued("o1", "latte", "m1"), new OrderAssigned("o1", "m1", "latte"));
        barista.given(machine("m1", READY))
                .when(new QueueOrder("o1", "latte", "m1"))
                .then(new OrderQueued("o1", "latte", "m1"), new OrderAssigned("o1", "m1", "latte"));
    }

    @Test
    void theAvoidedMachineServesOnceTheOtherOneGoesDown() {
        barista.given(machine("m1", READY), machine("m2", BREWING, "o9"), new OrderQueued("o1", "latte", "m1"))
                .when(new NoteMachineUnavailable("m2", FAULTY, "silent"))
                .then(new MachineStatusUpdated("m2", FAULTY, true, null, null, "silent"),
                        new OrderAssigned("o1", "m1", "latte"));
    }

    @Test
    void aRetryForAnOrderTheFailedMachineStillHoldsIsAccepted() {
        barista.given(machine("m1", BREWING, "o1"), machine("m2", READY))
                .when(new QueueOrder("o1", "latte", "m1"))
                .then(new OrderQueued("o1", "latte", "m1"), new OrderAssigned("o1", "m2", "latte"));
    }

    // ---- machines out of service ----------------------------------------------------

    @Test
    void aMachineTakenOutOfRotationGetsNoOrdersUntilPutBack() {
        barista.given(machine("m1", READY))
                .when(new TakeMachineOut("m1", "failed 3 times"))
                .then(new MachineStatusUpdated("m1", READY, false, null, null, "failed 3 times"));
        barista.given(new MachineStatusUpdated("m1", READY, false, null, null, "out"))
                .when(new QueueOrder("o1", "latte", null))
                .then(new OrderQueued("o1", "latte", null));
        barista.given(new MachineStatusUpdated("m1", READY, false, null, null, "out"),
                        new OrderQueued("o1", "latte", null))
                .when(new PutMachineBack("m1", "initialized again"))
                .then(new MachineStatusUpdated("m1", READY, true, null, null, "initialized again"),
                        new OrderAssigned("o1", "m1", "latte"));
    }

    @Test
    void anOffOrFaultyMachineGetsNoOrders() {
        barista.given(machine("m1", READY))
                .when(new NoteMachineUnavailable("m1", OFF, "powered off"))
                .then(new MachineStatusUpdated("m1", OFF, true, null, null, "powered off"));
        barista.given(machine("m1", FAULTY))
                .when(new QueueOrder("o1", "latte", null))
                .then(new OrderQueued("o1", "latte", null));
    }

    @Test
    void aRefusedBrewQueuesTheOrderAgainAvoidingThatMachine() {
        barista.given(machine("m1", READY), machine("m2", BREWING, "o9"), new OrderAssigned("o1", "m1", "latte"))
                .when(new NoteBrewRefused("m1", "cannot brew while BREWING"))
                .then(new MachineStatusUpdated("m1", UNKNOWN, true, null, null, "cannot brew while BREWING"),
                        new OrderQueued("o1", "latte", "m1"))
                .thenState(state(Map.of("m1", new MachineView(UNKNOWN, true, null, null),
                        "m2", new MachineView(BREWING, true, "o9", "latte")), new QueuedOrder("o1", "latte", "m1")));
    }

    @Test
    void aRefusalOfABrewTheBaristaDidNotAskForIsIgnored() {
        barista.given(machine("m1", READY)).when(new NoteBrewRefused("m1", "x")).thenNothing();
        barista.given(machine("m1", BREWING, "o1")).when(new NoteBrewRefused("m1", "x")).thenNothing();
    }

    @Test
    void aMachineGoingOffWithABrewOnItsWayKeepsTheOrderUntilItRefusesIt() {
        barista.given(machine("m1", READY), new OrderAssigned("o1", "m1", "latte"))
                .when(new NoteMachineUnavailable("m1", OFF, "powered off"))
                .then(new MachineStatusUpdated("m1", OFF, true, "o1", "latte", "powered off"));
        barista.given(machine("m1", OFF, "o1"), machine("m2", READY))
                .when(new NoteBrewRefused("m1", "cannot brew while OFF"))
                .then(new MachineStatusUpdated("m1", OFF, true, null, null, "cannot brew while OFF"),
                        new OrderQueued("o1", "latte", "m1"), new OrderAssigned("o1", "m2", "latte"));
    }

    @Test
    void aMachineReadyAgainWithABrewOnItsWayStaysAssigned() {
        barista.given(machine("m1", OFF, "o1"), new OrderQueued("o2", "mocha", null))
                .when(new NoteMachineReady("m1"))
                .then(machine("m1", ASSIGNED, "o1"));
        barista.given(machine("m1", ASSIGNED, "o1")).when(new NoteMachineReady("m1")).thenNothing();
    }

    @Test
    void aBrewStartedByAnotherCommandFirstQueuesTheAssignedOrderAgain() {
        barista.given(machine("m1", READY), new OrderAssigned("o1", "m1", "latte"))
                .when(new NoteBrewStarted("m1", null, "espresso"))
                .then(new MachineStatusUpdated("m1", BREWING, true, null, "espresso", null),
                        new OrderQueued("o1", "latte", "m1"));
    }

    @Test
    void aTimedOutBrewClearsTheMachinesOrderTheSupervisorRetriesIt() {
        barista.given(machine("m1", BREWING, "o1"))
                .when(new NoteMachineUnavailable("m1", FAULTY, "silent"))
                .then(new MachineStatusUpdated("m1", FAULTY, true, null, null, "silent"));
    }

    // ---- rejections and no-ops ------------------------------------------------------

    @Test
    void anOrderAlreadyQueuedIsRejected() {
        barista.given(new OrderQueued("o1", "latte", null))
                .when(new QueueOrder("o1", "latte", null))
                .thenRejected("order o1 is already queued")
                .thenState(state(Map.of(), new QueuedOrder("o1", "latte", null)));
    }

    @Test
    void anOrderAlreadyWithAMachineIsRejected() {
        barista.given(machine("m1", BREWING, "o1"))
                .when(new QueueOrder("o1", "latte", null))
                .then(new CommandRejected("coffee.barista.queue-order", "order o1 is already with machine m1"));
    }

    @Test
    void aFailedOrderStillWaitingIsDropped() {
        barista.given(new OrderQueued("o1", "latte", null), new OrderQueued("o2", "latte", null))
                .when(new DropOrder("o1", "not served within 10 minutes"))
                .then(new OrderDropped("o1", "not served within 10 minutes"))
                .thenState(state(Map.of(), new QueuedOrder("o2", "latte", null)));
        barista.givenNothing().when(new DropOrder("o1", "x")).thenNothing();
    }

    @Test
    void newsTheBaristaAlreadyKnowsChangesNothing() {
        barista.given(machine("m1", READY)).when(new NoteMachineReady("m1")).thenNothing();
        barista.given(machine("m1", OFF)).when(new NoteMachineUnavailable("m1", OFF, "x")).thenNothing();
        barista.given(machine("m1", BREWING, "o1")).when(new NoteBrewStarted("m1", "o1", "latte")).thenNothing();
        barista.given(new MachineStatusUpdated("m1", READY, false, null, null, "out"))
                .when(new TakeMachineOut("m1", "again")).thenNothing();
        barista.given(machine("m1", READY)).when(new PutMachineBack("m1", "x")).thenNothing();
    }

    @Test
    void commandsValidateTheirData() {
        assertThatThrownBy(() -> new QueueOrder(null, "latte", null)).hasMessage("order is required");
        assertThatThrownBy(() -> new QueueOrder("o1", " ", null)).hasMessage("recipe is required");
        assertThatThrownBy(() -> new NoteMachineReady("")).hasMessage("machine is required");
        assertThatThrownBy(() -> new NoteMachineUnavailable("m1", READY, "x"))
                .hasMessage("status must be OFF or FAULTY, not READY");
        assertThatThrownBy(() -> new OrderAccepted(null, "ada")).hasMessage("recipe is required");
        assertThatThrownBy(() -> new OrderRetryRequested("o1", "", "m1")).hasMessage("recipe is required");
    }

    // ---- reactions: other actors' events become the barista's commands ---------------

    private static Optional<Routed<Command>> react(Object event, String subject) {
        EventMetadata metadata = new EventMetadata("e-1", "/actors/x/" + subject, subject, null, "chain-1");
        return Barista.DEFINITION.reaction(ActorDefinition.typeOf(event)).orElseThrow().routeEvent(event, metadata);
    }

    private static Optional<Routed<Command>> toShop(Command command) {
        return Optional.of(new Routed<>("shop", command));
    }

    @Test
    void otherActorsEventsBecomeCommandsForTheShopsBarista() {
        assertThat(react(new OrderAccepted("latte", "ada"), "o1")).isEqualTo(toShop(new QueueOrder("o1", "latte", null)));
        assertThat(react(new OrderFailed("too slow"), "o1")).isEqualTo(toShop(new DropOrder("o1", "too slow")));
        assertThat(react(new MachineInitialized(), "m1")).isEqualTo(toShop(new NoteMachineReady("m1")));
        assertThat(react(new BrewStarted("latte", "o1"), "m1"))
                .isEqualTo(toShop(new NoteBrewStarted("m1", "o1", "latte")));
        assertThat(react(new BrewingFinished("latte", "failed", "x", "o1"), "m1"))
                .isEqualTo(toShop(new NoteMachineReady("m1")));
        assertThat(react(new BrewingTimedOut("latte", "o1", "silent"), "m1"))
                .isEqualTo(toShop(new NoteMachineUnavailable("m1", FAULTY, "silent")));
        assertThat(react(new PoweredOff(), "m1"))
                .isEqualTo(toShop(new NoteMachineUnavailable("m1", OFF, "powered off")));
        assertThat(react(new MachineCommandRejected("coffee.machine.brew", "cannot brew while OFF"), "m1"))
                .isEqualTo(toShop(new NoteBrewRefused("m1", "cannot brew while OFF")));
        assertThat(react(new OrderRetryRequested("o1", "latte", "m1"), "shop"))
                .isEqualTo(toShop(new QueueOrder("o1", "latte", "m1")));
        assertThat(react(new MachineTakenOut("m1", "flaky"), "shop"))
                .isEqualTo(toShop(new TakeMachineOut("m1", "flaky")));
        assertThat(react(new MachinePutBack("m1", "fixed"), "shop"))
                .isEqualTo(toShop(new PutMachineBack("m1", "fixed")));
    }

    @Test
    void eventsThatDoNotConcernTheBaristaAreIgnored() {
        assertThat(react(new MachineCommandRejected("coffee.machine.initialize", "already READY"), "m1")).isEmpty();
        assertThat(react(new MachineInitialized(), null)).isEmpty();
        assertThat(react(new OrderRetryRequested(null, "latte", "m1"), "shop")).isEmpty();
    }

    /** Stands in for the exhaustive switch Java 17 lacks: every command and event is handled. */
    @Test
    void everyCommandAndEventIsHandledInEveryState() {
        Barista decider = new Barista();
        assertThat(Command.class.getPermittedSubclasses()).hasSize(Barista.DEFINITION.commandTypes().size());
        assertThat(Event.class.getPermittedSubclasses()).hasSize(Barista.DEFINITION.eventTypes().size());
        List<Command> commands = List.of(new QueueOrder("o1", "latte", null), new QueueOrder("o1", "latte", "m1"),
                new NoteMachineReady("m1"), new NoteBrewStarted("m1", "o1", "latte"),
                new NoteBrewStarted("m1", null, "latte"), new NoteMachineUnavailable("m1", OFF, "x"),
                new NoteBrewRefused("m1", "x"), new TakeMachineOut("m1", "x"), new PutMachineBack("m1", "x"),
                new DropOrder("o1", "x"));
        assertThat(commands.stream().map(Object::getClass).distinct())
                .containsExactlyInAnyOrder(Command.class.getPermittedSubclasses());
        Set<Class<?>> eventsSeen = new HashSet<>();
        for (MachineStatus status : MachineStatus.values()) {
            for (boolean inRotation : new boolean[] { true, false }) {
                for (String order : new String[] { null, "o1", "o2" }) {
                    State state = new State(Map.of("m1", new MachineView(status, inRotation, order, "latte"),
                            "m2", new MachineView(READY, true, null, null)),
                            List.of(new QueuedOrder("o1", "latte", null)));
                    for (Command command : commands) {
                        State current = state;
                        for (Event event : decider.decide(command, state)) {
                            eventsSeen.add(event.getClass());
                            current = decider.evolve(current, event);
                            assertThat(current).isNotNull();
                        }
                    }
                }
            }
        }
        assertThat(eventsSeen).containsExactlyInAnyOrder(Event.class.getPermittedSubclasses());
    }
}

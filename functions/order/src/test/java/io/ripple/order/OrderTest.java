package io.ripple.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.order.Order.BrewingFinished;
import io.ripple.order.Order.Command;
import io.ripple.order.Order.CommandRejected;
import io.ripple.order.Order.Complete;
import io.ripple.order.Order.Event;
import io.ripple.order.Order.Fail;
import io.ripple.order.Order.OrderAccepted;
import io.ripple.order.Order.OrderCompleted;
import io.ripple.order.Order.OrderFailed;
import io.ripple.order.Order.OrderGivenUp;
import io.ripple.order.Order.OrderRejected;
import io.ripple.order.Order.OrderStatus;
import io.ripple.order.Order.Place;
import io.ripple.order.Order.RefundRequested;
import io.ripple.order.Order.State;
import io.ripple.runtime.ActorDefinition;
import io.ripple.runtime.EventMetadata;
import io.ripple.runtime.Routed;
import io.ripple.testkit.DeciderFixture;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderTest {

    private final DeciderFixture<Command, Event, State> order = DeciderFixture.of(new Order());

    private static final State ACCEPTED = new State(OrderStatus.ACCEPTED, "latte", "ada");

    @Test
    void placingARecipeOnTheMenuAcceptsTheOrder() {
        order.givenNothing()
                .when(new Place("latte", "ada"))
                .then(new OrderAccepted("latte", "ada"))
                .thenState(ACCEPTED);
    }

    @Test
    void placingARecipeNotOnTheMenuRejectsTheOrderAndKeepsItsIdFree() {
        order.givenNothing()
                .when(new Place("hot chocolate", "ada"))
                .then(new OrderRejected("coffee.order.place", "'hot chocolate' is not on the menu", "hot chocolate",
                        "ada"))
                .thenRejected("'hot chocolate' is not on the menu")
                .thenState(new State(OrderStatus.NEW, null, null));
        order.given(new OrderRejected("coffee.order.place", "not on the menu", "tea", "ada"))
                .when(new Place("latte", "ada"))
                .then(new OrderAccepted("latte", "ada"));
    }

    @Test
    void anAcceptedOrderMustBeServedInTimeOrItFails() {
        OrderAccepted accepted = new OrderAccepted("latte", "ada");
        assertThat(accepted.timerName()).isEqualTo("serve-timeout");
        assertThat(accepted.delay()).isEqualTo(Duration.ofMinutes(10));
        assertThat(accepted.command()).isEqualTo(new Fail("not served within 10 minutes"));
        assertThat(new OrderCompleted("latte", "m1").timerName()).isEqualTo(accepted.timerName());
        assertThat(new OrderFailed("x").timerName()).isEqualTo(accepted.timerName());
    }

    @Test
    void aSuccessfulBrewCompletesTheOrder() {
        order.given(new OrderAccepted("latte", "ada"))
                .when(new Complete("m1"))
                .then(new OrderCompleted("latte", "m1"))
                .thenState(new State(OrderStatus.COMPLETED, "latte", "ada"));
    }

    @Test
    void failingAnOrderRequestsARefund() {
        order.given(new OrderAccepted("latte", "ada"))
                .when(new Fail("no machine could brew it"))
                .then(new OrderFailed("no machine could brew it"),
                        new RefundRequested("ada", "latte", "no machine could brew it"))
                .thenState(new State(OrderStatus.FAILED, "latte", "ada"));
    }

    @Test
    void placingTwiceIsRejected() {
        order.given(new OrderAccepted("latte", "ada"))
                .when(new Place("mocha", "ada"))
                .thenRejected("order is already ACCEPTED")
                .thenState(ACCEPTED);
    }

    @Test
    void completingAnOrderNeverAcceptedIsRejected() {
        order.givenNothing().when(new Complete("m1")).thenRejected("no such order: it was never accepted");
    }

    @Test
    void failingAnOrderNeverAcceptedIsRejected() {
        order.givenNothing().when(new Fail("timeout")).thenRejected("no such order: it was never accepted");
    }

    @Test
    void aCompletedOrderCannotFailNorCompleteAgain() {
        order.given(new OrderAccepted("latte", "ada"), new OrderCompleted("latte", "m1"))
                .when(new Fail("not served within 10 minutes"))
                .thenRejected("order is already COMPLETED")
                .thenState(new State(OrderStatus.COMPLETED, "latte", "ada"));
        order.given(new OrderAccepted("latte", "ada"), new OrderCompleted("latte", "m1"))
                .when(new Complete("m2"))
                .then(new CommandRejected("coffee.order.complete", "order is already COMPLETED"));
    }

    @Test
    void aFailedOrderIsNotCompletedByALateBrew() {
        order.given(new OrderAccepted("latte", "ada"), new OrderFailed("given up"))
                .when(new Complete("m2"))
                .thenRejected("order is already FAILED")
                .thenState(new State(OrderStatus.FAILED, "latte", "ada"));
        order.given(new OrderAccepted("latte", "ada"), new OrderFailed("given up"))
                .when(new Place("latte", "ada"))
                .thenRejected("order is already FAILED");
    }

    @Test
    void commandsValidateTheirData() {
        assertThatThrownBy(() -> new Place(" ", "ada")).hasMessage("recipe is required");
        assertThatThrownBy(() -> new Place("latte", null)).hasMessage("customer is required");
        assertThatThrownBy(() -> new Fail("")).hasMessage("reason is required");
    }

    // ---- reactions ------------------------------------------------------------------

    private static final EventMetadata FROM_M1 = new EventMetadata("e-1", "/actors/coffee-machine/m1", "m1",
            OffsetDateTime.parse("2026-01-01T08:00:00Z"), "chain-1");

    private static Optional<Routed<Command>> react(Object event) {
        String type = ActorDefinition.typeOf(event);
        return Order.DEFINITION.reaction(type).orElseThrow().routeEvent(event, FROM_M1);
    }

    @Test
    void aSuccessfulBrewForAnOrderCompletesThatOrder() {
        assertThat(react(new BrewingFinished("latte", "ok", null, "order-7")))
                .contains(new Routed<>("order-7", new Complete("m1")));
    }

    @Test
    void aFailedBrewIsLeftToTheSupervisor() {
        assertThat(react(new BrewingFinished("latte", "failed", "no water", "order-7"))).isEmpty();
    }

    @Test
    void aBrewNoOrderAskedForConcernsNoOrder() {
        assertThat(react(new BrewingFinished("latte", "ok", null, null))).isEmpty();
    }

    @Test
    void theSupervisorGivingUpFailsTheOrder() {
        assertThat(react(new OrderGivenUp("order-7", "failed 3 times")))
                .contains(new Routed<>("order-7", new Fail("failed 3 times")));
        assertThat(react(new OrderGivenUp("order-7", null)))
                .contains(new Routed<>("order-7", new Fail("the supervisor gave up")));
        assertThat(react(new OrderGivenUp(null, "x"))).isEmpty();
    }

    @Test
    void theOrderConsumesItsCommandsAndTheEventsItReactsTo() {
        assertThat(Order.DEFINITION.consumedTypes()).containsExactly("coffee.order.place", "coffee.order.complete",
                "coffee.order.fail", "coffee.machine.brewing-finished", "coffee.supervisor.order-given-up");
    }

    /** Stands in for the exhaustive switch Java 17 lacks: every command and event is handled in every state. */
    @Test
    void everyCommandAndEventIsHandledInEveryState() {
        Order decider = new Order();
        assertThat(Command.class.getPermittedSubclasses()).hasSize(Order.DEFINITION.commandTypes().size());
        assertThat(Event.class.getPermittedSubclasses()).hasSize(Order.DEFINITION.eventTypes().size());
        Command[] commands = { new Place("latte", "ada"), new Place("tea", "ada"), new Complete("m1"),
                new Fail("x") };
        assertThat(Arrays.stream(commands).map(Object::getClass).distinct())
                .containsExactlyInAnyOrder(Command.class.getPermittedSubclasses());
        Set<Class<?>> eventsSeen = new HashSet<>();
        for (OrderStatus status : OrderStatus.values()) {
            State state = status == OrderStatus.NEW ? State.NEW : new State(status, "latte", "ada");
            for (Command command : commands) {
                for (Event event : decider.decide(command, state)) {
                    eventsSeen.add(event.getClass());
                    assertThat(decider.evolve(state, event)).isNotNull();
                }
            }
        }
        assertThat(eventsSeen).containsExactlyInAnyOrder(Event.class.getPermittedSubclasses());
    }
}

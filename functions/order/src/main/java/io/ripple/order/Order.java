package io.ripple.order;

import io.ripple.runtime.ActorDefinition;
import io.ripple.runtime.CancelTimer;
import io.ripple.runtime.Decider;
import io.ripple.runtime.EventMetadata;
import io.ripple.runtime.MessageType;
import io.ripple.runtime.Rejection;
import io.ripple.runtime.Routed;
import io.ripple.runtime.ScheduleCommand;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's order: placed for a recipe on the menu it is accepted (else rejected), then
 * completed when a machine brewed it successfully, or failed with a refund request when the
 * supervisor gives up on it or it was not served in time.
 *
 * <p>The order does not count failed brews: retries are the supervisor's business (its
 * policies say how many, in which window). The order only learns the end of the story.
 */
public final class Order implements Decider<Order.Command, Order.Event, Order.State> {

    /** The actor type: Knative Service name, Trigger name and mailbox prefix. */
    public static final String ACTOR = "order";

    /** What the shop can brew; anything else is rejected when placed. */
    public static final Set<String> MENU = Set.of("espresso", "ristretto", "lungo", "americano", "cappuccino",
            "latte", "flat-white", "mocha");

    /** An accepted order not served within this time fails and is refunded. */
    public static final Duration SERVE_WITHIN = Duration.ofMinutes(10);

    static final String SERVE_TIMER = "serve-timeout";

    public static final ActorDefinition<Command, Event, State> DEFINITION = ActorDefinition
            .builder(ACTOR, new Order())
            .commands(Place.class, Complete.class, Fail.class)
            .events(OrderAccepted.class, OrderRejected.class, OrderCompleted.class, OrderFailed.class,
                    RefundRequested.class, CommandRejected.class)
            .reactsTo(BrewingFinished.class, Order::completeWhenBrewedOk)
            .reactsTo(OrderGivenUp.class, Order::failWhenGivenUp)
            .build();

    // ---- commands -------------------------------------------------------------------

    public sealed interface Command permits Place, Complete, Fail {
    }

    /** A customer orders a coffee; the subject is the order id the customer chose. */
    @MessageType("coffee.order.place")
    public record Place(String recipe, String customer) implements Command {
        public Place {
            if (recipe == null || recipe.isBlank()) {
                throw new IllegalArgumentException("recipe is required");
            }
            if (customer == null || customer.isBlank()) {
                throw new IllegalArgumentException("customer is required");
            }
        }
    }

    /** The coffee is served: a machine brewed it successfully. */
    @MessageType("coffee.order.complete")
    public record Complete(String machine) implements Command {
    }

    /** The order cannot be served; the customer gets a refund. */
    @MessageType("coffee.order.fail")
    public record Fail(String reason) implements Command {
        public Fail {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("reason is required");
            }
        }
    }

    // ---- events ---------------------------------------------------------------------

    public sealed interface Event permits OrderAccepted, OrderRejected, OrderCompleted, OrderFailed, RefundRequested,
            CommandRejected {
    }

    /** Accepted orders must be served within {@link #SERVE_WITHIN}: the timer fails them otherwise. */
    @MessageType("coffee.order.accepted")
    public record OrderAccepted(String recipe, String customer) implements Event, ScheduleCommand {
        @Override
        public String timerName() {
            return SERVE_TIMER;
        }

        @Override
        public Duration delay() {
            return SERVE_WITHIN;
        }

        @Override
        public Object command() {
            return new Fail("not served within " + SERVE_WITHIN.toMinutes() + " minutes");
        }
    }

    /** The order was refused when placed (not on the menu); the order id stays free. */
    @MessageType("coffee.order.rejected")
    public record OrderRejected(String commandType, String reason, String recipe, String customer)
            implements Event, Rejection {
    }

    @MessageType("coffee.order.completed")
    public record OrderCompleted(String recipe, String machine) implements Event, CancelTimer {
        @Override
        public String timerName() {
            return SERVE_TIMER;
        }
    }

    @MessageType("coffee.order.failed")
    public record OrderFailed(String reason) implements Event, CancelTimer {
        @Override
        public String timerName() {
            return SERVE_TIMER;
        }
    }

    /** For the till: give the customer their money back. Always follows {@link OrderFailed}. */
    @MessageType("coffee.order.refund-requested")
    public record RefundRequested(String customer, String recipe, String reason) implements Event {
    }

    /** A command that does not fit the order's state (placed twice, completed after failing, ...). */
    @MessageType("coffee.order.command-rejected")
    public record CommandRejected(String commandType, String reason) implements Event, Rejection {
    }

    // ---- other actors' events, as the order reads them -----------------------------

    /** The coffee machine's {@code brewing-finished}; {@code order} is null for brews no order asked for. */
    @MessageType("coffee.machine.brewing-finished")
    public record BrewingFinished(String recipe, String outcome, String reason, String order) {
    }

    /** The supervisor's {@code order-given-up}: no more retries for this order. */
    @MessageType("coffee.supervisor.order-given-up")
    public record OrderGivenUp(String order, String reason) {
    }

    /** Only a successful brew for an order completes it; failures are the supervisor's to retry. */
    static Optional<Routed<Command>> completeWhenBrewedOk(BrewingFinished finished, EventMetadata metadata) {
        if (finished.order() == null || !"ok".equals(finished.outcome())) {
            return Optional.empty();
        }
        return Optional.of(new Routed<>(finished.order(), new Complete(metadata.subject())));
    }

    static Optional<Routed<Command>> failWhenGivenUp(OrderGivenUp givenUp) {
        if (givenUp.order() == null) {
            return Optional.empty();
        }
        String reason = givenUp.reason() == null || givenUp.reason().isBlank() ? "the supervisor gave up"
                : givenUp.reason();
        return Optional.of(new Routed<>(givenUp.order(), new Fail(reason)));
    }

    // ---- state ----------------------------------------------------------------------

    public enum OrderStatus { NEW, ACCEPTED, COMPLETED, FAILED }

    /** @param recipe and {@code customer}: known once accepted */
    public record State(OrderStatus status, String recipe, String customer) {
        static final State NEW = new State(OrderStatus.NEW, null, null);
    }

    @Override
    public State initialState() {
        return State.NEW;
    }

    // Java 17 has no pattern-matching switch: instanceof chains, and OrderTest checks that
    // every permitted subtype is handled in every state.
    @Override
    public List<Event> decide(Command command, State state) {
        if (command instanceof Place place) {
            if (state.status() != OrderStatus.NEW) {
                return reject(command, "order is already " + state.status());
            }
            if (!MENU.contains(place.recipe())) {
                return List.of(new OrderRejected(ActorDefinition.typeOf(command),
                        "'" + place.recipe() + "' is not on the menu", place.recipe(), place.customer()));
            }
            return List.of(new OrderAccepted(place.recipe(), place.customer()));
        }
        if (command instanceof Complete complete) {
            return state.status() == OrderStatus.ACCEPTED
                    ? List.of(new OrderCompleted(state.recipe(), complete.machine()))
                    : reject(command, cannotFinish(state));
        }
        if (command instanceof Fail fail) {
            return state.status() == OrderStatus.ACCEPTED
                    ? List.of(new OrderFailed(fail.reason()),
                            new RefundRequested(state.customer(), state.recipe(), fail.reason()))
                    : reject(command, cannotFinish(state));
        }
        throw new IllegalArgumentException("unhandled command " + command.getClass().getName());
    }

    @Override
    public State evolve(State state, Event event) {
        if (event instanceof OrderAccepted accepted) {
            return new State(OrderStatus.ACCEPTED, accepted.recipe(), accepted.customer());
        }
        if (event instanceof OrderCompleted) {
            return new State(OrderStatus.COMPLETED, state.recipe(), state.customer());
        }
        if (event instanceof OrderFailed) {
            return new State(OrderStatus.FAILED, state.recipe(), state.customer());
        }
        if (event instanceof RefundRequested || event instanceof OrderRejected || event instanceof CommandRejected) {
            return state;
        }
        throw new IllegalArgumentException("unhandled event " + event.getClass().getName());
    }

    private static String cannotFinish(State state) {
        return state.status() == OrderStatus.NEW ? "no such order: it was never accepted"
                : "order is already " + state.status();
    }

    private static List<Event> reject(Command command, String reason) {
        return List.of(new CommandRejected(ActorDefinition.typeOf(command), reason));
    }
}

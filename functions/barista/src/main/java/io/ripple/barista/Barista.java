package io.ripple.barista;

import io.ripple.runtime.ActorDefinition;
import io.ripple.runtime.Decider;
import io.ripple.runtime.EventMetadata;
import io.ripple.runtime.MessageType;
import io.ripple.runtime.Rejection;
import io.ripple.runtime.Routed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The barista: keeps a queue of orders to brew and a view of every machine built from the
 * machines' own events, and hands the oldest waiting order to a READY machine in rotation.
 *
 * <p>One barista ({@link #SHOP}) serves the shop, so every decision sees the whole queue and
 * every machine: one actor, one mailbox. It only emits events; the machine brews because it
 * reacts to {@code order-assigned}. An order is first queued, then assigned
 * ({@code order-queued} always precedes {@code order-assigned}), so the wait in the queue is
 * visible.
 *
 * <p>Retries go "to another machine": an order queued with {@code avoidMachine} waits for
 * any other machine, and takes the avoided one only when no other machine in rotation could
 * ever serve it (all others OFF, FAULTY or taken out).
 */
public final class Barista implements Decider<Barista.Command, Barista.Event, Barista.State> {

    /** The actor type: Knative Service name, Trigger name and mailbox prefix. */
    public static final String ACTOR = "barista";

    /** The id of the one barista of the shop. */
    public static final String SHOP = "shop";

    public static final ActorDefinition<Command, Event, State> DEFINITION = ActorDefinition
            .builder(ACTOR, new Barista())
            .commands(QueueOrder.class, NoteMachineReady.class, NoteBrewStarted.class, NoteMachineUnavailable.class,
                    NoteBrewRefused.class, TakeMachineOut.class, PutMachineBack.class, DropOrder.class)
            .events(OrderQueued.class, OrderAssigned.class, OrderDropped.class, MachineStatusUpdated.class,
                    CommandRejected.class)
            .reactsTo(OrderAccepted.class, (accepted, meta) -> toShop(meta.subject(),
                    order -> new QueueOrder(order, accepted.recipe(), null)))
            .reactsTo(OrderFailed.class, (failed, meta) -> toShop(meta.subject(),
                    order -> new DropOrder(order, failed.reason())))
            .reactsTo(MachineInitialized.class, (initialized, meta) -> toShop(meta.subject(), NoteMachineReady::new))
            .reactsTo(BrewStarted.class, (started, meta) -> toShop(meta.subject(),
                    machine -> new NoteBrewStarted(machine, started.order(), started.recipe())))
            .reactsTo(BrewingFinished.class, (finished, meta) -> toShop(meta.subject(), NoteMachineReady::new))
            .reactsTo(BrewingTimedOut.class, (timedOut, meta) -> toShop(meta.subject(),
                    machine -> new NoteMachineUnavailable(machine, MachineStatus.FAULTY, timedOut.reason())))
            .reactsTo(PoweredOff.class, (off, meta) -> toShop(meta.subject(),
                    machine -> new NoteMachineUnavailable(machine, MachineStatus.OFF, "powered off")))
            .reactsTo(MachineCommandRejected.class, Barista::noteRefusedBrew)
            .reactsTo(OrderRetryRequested.class, retry -> toShop(retry.order(),
                    order -> new QueueOrder(order, retry.recipe(), retry.machine())))
            .reactsTo(MachineTakenOut.class, out -> toShop(out.machine(),
                    machine -> new TakeMachineOut(machine, out.reason())))
            .reactsTo(MachinePutBack.class, back -> toShop(back.machine(),
                    machine -> new PutMachineBack(machine, back.reason())))
            .build();

    // ---- commands -------------------------------------------------------------------

    public sealed interface Command permits QueueOrder, NoteMachineReady, NoteBrewStarted, NoteMachineUnavailable,
            NoteBrewRefused, TakeMachineOut, PutMachineBack, DropOrder {
    }

    /** Brew this order; {@code avoidMachine} (may be null) is the machine that failed it before. */
    @MessageType("coffee.barista.queue-order")
    public record QueueOrder(String order, String recipe, String avoidMachine) implements Command {
        public QueueOrder {
            required(order, "order");
            required(recipe, "recipe");
        }
    }

    /** The machine is READY (initialized, or its brew is over). */
    @MessageType("coffee.barista.note-machine-ready")
    public record NoteMachineReady(String machine) implements Command {
        public NoteMachineReady {
            required(machine, "machine");
        }
    }

    /** The machine started brewing {@code order} (null: a brew no order asked for). */
    @MessageType("coffee.barista.note-brew-started")
    public record NoteBrewStarted(String machine, String order, String recipe) implements Command {
        public NoteBrewStarted {
            required(machine, "machine");
        }
    }

    /** The machine cannot brew: {@code status} is OFF or FAULTY. */
    @MessageType("coffee.barista.note-machine-unavailable")
    public record NoteMachineUnavailable(String machine, MachineStatus status, String reason) implements Command {
        public NoteMachineUnavailable {
            required(machine, "machine");
            if (status != MachineStatus.OFF && status != MachineStatus.FAULTY) {
                throw new IllegalArgumentException("status must be OFF or FAULTY, not " + status);
            }
        }
    }

    /** The machine refused a brew command. */
    @MessageType("coffee.barista.note-brew-refused")
    public record NoteBrewRefused(String machine, String reason) implements Command {
        public NoteBrewRefused {
            required(machine, "machine");
        }
    }

    /** Stop giving orders to this machine (the supervisor's call, or an operator's). */
    @MessageType("coffee.barista.take-machine-out")
    public record TakeMachineOut(String machine, String reason) implements Command {
        public TakeMachineOut {
            required(machine, "machine");
        }
    }

    /** Give orders to this machine again. */
    @MessageType("coffee.barista.put-machine-back")
    public record PutMachineBack(String machine, String reason) implements Command {
        public PutMachineBack {
            required(machine, "machine");
        }
    }

    /** Forget a waiting order (it failed, e.g. not served in time). */
    @MessageType("coffee.barista.drop-order")
    public record DropOrder(String order, String reason) implements Command {
        public DropOrder {
            required(order, "order");
        }
    }

    // ---- events ---------------------------------------------------------------------

    public sealed interface Event permits OrderQueued, OrderAssigned, OrderDropped, MachineStatusUpdated,
            CommandRejected {
    }

    @MessageType("coffee.barista.order-queued")
    public record OrderQueued(String order, String recipe, String avoidMachine) implements Event {
    }

    /** The machine must brew the order: the coffee machine reacts to this with a brew. */
    @MessageType("coffee.barista.order-assigned")
    public record OrderAssigned(String order, String machine, String recipe) implements Event {
    }

    @MessageType("coffee.barista.order-dropped")
    public record OrderDropped(String order, String reason) implements Event {
    }

    /**
     * The barista's whole view of one machine after a change.
     *
     * @param order  the order ASSIGNED to it or BREWING on it; on an OFF, FAULTY or UNKNOWN
     *               machine, an assigned order whose brew command is still on its way
     * @param recipe that order's recipe
     * @param reason why it changed, when the change was bad news
     */
    @MessageType("coffee.barista.machine-status-updated")
    public record MachineStatusUpdated(String machine, MachineStatus status, boolean inRotation, String order,
            String recipe, String reason) implements Event {
    }

    @MessageType("coffee.barista.command-rejected")
    public record CommandRejected(String commandType, String reason) implements Event, Rejection {
    }

    // ---- other actors' events, as the barista reads them (their subject is the emitter's id) ----
    // A view checks what its route needs, so an event that does not fit is refused (400) when
    // it is read, not halfway through routing.

    @MessageType("coffee.order.accepted")
    public record OrderAccepted(String recipe, String customer) {
        public OrderAccepted {
            required(recipe, "recipe");
        }
    }

    @MessageType("coffee.order.failed")
    public record OrderFailed(String reason) {
    }

    @MessageType("coffee.machine.initialization-completed")
    public record MachineInitialized() {
    }

    @MessageType("coffee.machine.brew-started")
    public record BrewStarted(String recipe, String order) {
    }

    @MessageType("coffee.machine.brewing-finished")
    public record BrewingFinished(String recipe, String outcome, String reason, String order) {
    }

    @MessageType("coffee.machine.brewing-timed-out")
    public record BrewingTimedOut(String recipe, String order, String reason) {
    }

    @MessageType("coffee.machine.powered-off")
    public record PoweredOff() {
    }

    @MessageType("coffee.machine.command-rejected")
    public record MachineCommandRejected(String commandType, String reason) {
    }

    /** The supervisor's {@code order-retry-requested}: brew it again, not on {@code machine}. */
    @MessageType("coffee.supervisor.order-retry-requested")
    public record OrderRetryRequested(String order, String recipe, String machine) {
        public OrderRetryRequested {
            required(recipe, "recipe");
        }
    }

    @MessageType("coffee.supervisor.machine-taken-out")
    public record MachineTakenOut(String machine, String reason) {
    }

    @MessageType("coffee.supervisor.machine-put-back")
    public record MachinePutBack(String machine, String reason) {
    }

    static Optional<Routed<Command>> noteRefusedBrew(MachineCommandRejected rejected, EventMetadata meta) {
        // Only a refused brew concerns the barista; refused initializations or power-offs do not.
        return "coffee.machine.brew".equals(rejected.commandType())
                ? toShop(meta.subject(), machine -> new NoteBrewRefused(machine, rejected.reason()))
                : Optional.empty();
    }

    /** A command for the shop's barista built from an id the event carries; nothing when it carries none. */
    private static Optional<Routed<Command>> toShop(String id, Function<String, Command> command) {
        return id == null || id.isBlank() ? Optional.empty() : Optional.of(new Routed<>(SHOP, command.apply(id)));
    }

    // ---- state ----------------------------------------------------------------------

    /** What the barista believes about a machine. UNKNOWN: it refused a brew, its next event will tell. */
    public enum MachineStatus { READY, ASSIGNED, BREWING, OFF, FAULTY, UNKNOWN }

    /**
     * @param order  see {@link MachineStatusUpdated#order()}
     * @param recipe that order's recipe
     */
    public record MachineView(MachineStatus status, boolean inRotation, String order, String recipe) {
        static final MachineView UNHEARD_OF = new MachineView(MachineStatus.UNKNOWN, true, null, null);

        /** An order was sent to this machine and it has not started it yet. */
        boolean awaitsBrew() {
            return order != null && status != MachineStatus.BREWING;
        }

        /** Could brew an order now or later without anyone's intervention. */
        boolean inService() {
            return inRotation && (status == MachineStatus.READY || status == MachineStatus.ASSIGNED
                    || status == MachineStatus.BREWING);
        }
    }

    public record QueuedOrder(String order, String recipe, String avoidMachine) {
    }

    /**
     * @param machines every machine heard of, by id
     * @param queue    orders waiting for a machine, oldest first
     */
    public record State(Map<String, MachineView> machines, List<QueuedOrder> queue) {
        public State {
            machines = Collections.unmodifiableMap(new TreeMap<>(machines));
            queue = List.copyOf(queue);
        }

        MachineView machine(String id) {
            return machines.getOrDefault(id, MachineView.UNHEARD_OF);
        }

        boolean isQueued(String order) {
            return queue.stream().anyMatch(q -> q.order().equals(order));
        }
    }

    @Override
    public State initialState() {
        return new State(Map.of(), List.of());
    }

    // Java 17 has no pattern-matching switch: instanceof chains, and BaristaTest checks that
    // every permitted subtype is handled.
    @Override
    public List<Event> decide(Command command, State state) {
        List<Event> events = new ArrayList<>();
        if (command instanceof QueueOrder queue) {
            Optional<String> holder = holderOf(state, queue.order(), queue.avoidMachine());
            if (state.isQueued(queue.order())) {
                return reject(command, "order " + queue.order() + " is already queued");
            }
            if (holder.isPresent()) {
                return reject(command, "order " + queue.order() + " is already with machine " + holder.get());
            }
            events.add(new OrderQueued(queue.order(), queue.recipe(), queue.avoidMachine()));
        } else if (command instanceof NoteMachineReady ready) {
            MachineView view = state.machine(ready.machine());
            // A machine that is ready again while an assigned brew is on its way stays ASSIGNED.
            MachineStatus status = view.awaitsBrew() ? MachineStatus.ASSIGNED : MachineStatus.READY;
            if (view.status() != status) {
                events.add(update(ready.machine(), status, view.inRotation(), view.awaitsBrew() ? view : null, null));
            }
        } else if (command instanceof NoteBrewStarted started) {
            MachineView view = state.machine(started.machine());
            if (view.status() != MachineStatus.BREWING || !Objects.equals(view.order(), started.order())) {
                events.add(new MachineStatusUpdated(started.machine(), MachineStatus.BREWING, view.inRotation(),
                        started.order(), started.recipe(), null));
                if (view.awaitsBrew() && !view.order().equals(started.order())) {
                    // Another brew got there first: the assigned one will be refused, so queue it again now.
                    events.add(new OrderQueued(view.order(), view.recipe(), started.machine()));
                }
            }
        } else if (command instanceof NoteMachineUnavailable unavailable) {
            MachineView view = state.machine(unavailable.machine());
            if (view.status() != unavailable.status()) {
                events.add(update(unavailable.machine(), unavailable.status(), view.inRotation(),
                        view.awaitsBrew() ? view : null, unavailable.reason()));
            }
        } else if (command instanceof NoteBrewRefused refused) {
            MachineView view = state.machine(refused.machine());
            if (view.awaitsBrew()) {
                MachineStatus status = view.status() == MachineStatus.ASSIGNED ? MachineStatus.UNKNOWN : view.status();
                events.add(update(refused.machine(), status, view.inRotation(), null, refused.reason()));
                events.add(new OrderQueued(view.order(), view.recipe(), refused.machine()));
            }
        } else if (command instanceof TakeMachineOut out) {
            MachineView view = state.machine(out.machine());
            if (view.inRotation()) {
                events.add(new MachineStatusUpdated(out.machine(), view.status(), false, view.order(), view.recipe(),
                        out.reason()));
            }
        } else if (command instanceof PutMachineBack back) {
            MachineView view = state.machine(back.machine());
            if (!view.inRotation()) {
                events.add(new MachineStatusUpdated(back.machine(), view.status(), true, view.order(), view.recipe(),
                        back.reason()));
            }
        } else if (command instanceof DropOrder drop) {
            if (state.isQueued(drop.order())) {
                events.add(new OrderDropped(drop.order(), drop.reason()));
            }
        } else {
            throw new IllegalArgumentException("unhandled command " + command.getClass().getName());
        }
        events.addAll(dispatch(evolveAll(state, events)));
        return events;
    }

    @Override
    public State evolve(State state, Event event) {
        if (event instanceof OrderQueued queued) {
            List<QueuedOrder> queue = new ArrayList<>(state.queue());
            queue.add(new QueuedOrder(queued.order(), queued.recipe(), queued.avoidMachine()));
            return new State(state.machines(), queue);
        }
        if (event instanceof OrderAssigned assigned) {
            MachineView view = state.machine(assigned.machine());
            return new State(with(state.machines(), assigned.machine(),
                    new MachineView(MachineStatus.ASSIGNED, view.inRotation(), assigned.order(), assigned.recipe())),
                    without(state.queue(), assigned.order()));
        }
        if (event instanceof OrderDropped dropped) {
            return new State(state.machines(), without(state.queue(), dropped.order()));
        }
        if (event instanceof MachineStatusUpdated updated) {
            return new State(with(state.machines(), updated.machine(),
                    new MachineView(updated.status(), updated.inRotation(), updated.order(), updated.recipe())),
                    state.queue());
        }
        if (event instanceof CommandRejected) {
            return state;
        }
        throw new IllegalArgumentException("unhandled event " + event.getClass().getName());
    }

    /**
     * Hands waiting orders, oldest first, to READY machines in rotation (lowest id first)
     * until no waiting order can be served.
     */
    List<Event> dispatch(State state) {
        List<Event> assignments = new ArrayList<>();
        State current = state;
        boolean assigned = true;
        while (assigned) {
            assigned = false;
            for (QueuedOrder waiting : current.queue()) {
                Optional<String> machine = machineFor(current, waiting);
                if (machine.isPresent()) {
                    OrderAssigned assignment = new OrderAssigned(waiting.order(), machine.get(), waiting.recipe());
                    assignments.add(assignment);
                    current = evolve(current, assignment);
                    assigned = true;
                    break;
                }
            }
        }
        return assignments;
    }

    /** The READY machine in rotation that may take this order, if any. */
    static Optional<String> machineFor(State state, QueuedOrder waiting) {
        Optional<String> other = state.machines().entrySet().stream()
                .filter(m -> isFree(m.getValue()) && !m.getKey().equals(waiting.avoidMachine()))
                .map(Map.Entry::getKey).findFirst();
        if (other.isPresent() || waiting.avoidMachine() == null) {
            return other;
        }
        // Only the avoided machine is free: take it if no other machine could ever serve the order.
        boolean anotherInService = state.machines().entrySet().stream()
                .anyMatch(m -> !m.getKey().equals(waiting.avoidMachine()) && m.getValue().inService());
        return !anotherInService && isFree(state.machine(waiting.avoidMachine()))
                ? Optional.of(waiting.avoidMachine()) : Optional.empty();
    }

    private static boolean isFree(MachineView view) {
        return view.status() == MachineStatus.READY && view.inRotation();
    }

    /** The machine (other than {@code except}) that was given this order and has not finished it. */
    private static Optional<String> holderOf(State state, String order, String except) {
        return state.machines().entrySet().stream()
                .filter(m -> order.equals(m.getValue().order()) && !m.getKey().equals(except))
                .map(Map.Entry::getKey).findFirst();
    }

    private static MachineStatusUpdated update(String machine, MachineStatus status, boolean inRotation,
            MachineView keepOrderOf, String reason) {
        return new MachineStatusUpdated(machine, status, inRotation, keepOrderOf == null ? null : keepOrderOf.order(),
                keepOrderOf == null ? null : keepOrderOf.recipe(), reason);
    }

    private static Map<String, MachineView> with(Map<String, MachineView> machines, String id, MachineView view) {
        Map<String, MachineView> copy = new TreeMap<>(machines);
        copy.put(id, view);
        return copy;
    }

    private static List<QueuedOrder> without(List<QueuedOrder> queue, String order) {
        return queue.stream().filter(q -> !q.order().equals(order)).toList();
    }

    private static void required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    private static List<Event> reject(Command command, String reason) {
        return List.of(new CommandRejected(ActorDefinition.typeOf(command), reason));
    }
}

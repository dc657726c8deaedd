package io.ripple.runtime.internal;

import io.ripple.runtime.ActorDefinition;
import io.ripple.runtime.Decider;
import io.ripple.runtime.MessageType;
import io.ripple.runtime.Rejection;
import io.ripple.runtime.Routed;
import java.util.List;
import java.util.Optional;

/** A minimal actor for runtime tests: adds amounts, refuses negative ones. */
final class Counter implements Decider<Counter.Add, Counter.Event, Integer> {

    static final ActorDefinition<Add, Event, Integer> DEFINITION = ActorDefinition.builder("counter", new Counter())
            .commands(Add.class).events(Added.class, Refused.class)
            .reactsTo(Deposited.class, deposit -> route(deposit))
            .build();

    private static Optional<Routed<Add>> route(Deposited deposit) {
        if (deposit.account() == null || deposit.account().isBlank()) {
            throw new IllegalArgumentException("account is required");
        }
        return deposit.amount() == 0 ? Optional.empty()
                : Optional.of(new Routed<>(deposit.account(), new Add(deposit.amount())));
    }

    /** This actor's view of another actor's event. */
    @MessageType("test.bank.deposited")
    record Deposited(String account, int amount) {
    }

    @MessageType("test.counter.add")
    record Add(int amount) {
    }

    sealed interface Event permits Added, Refused {
    }

    @MessageType("test.counter.added")
    record Added(int amount, int total) implements Event {
    }

    @MessageType("test.counter.refused")
    record Refused(String commandType, String reason) implements Event, Rejection {
    }

    @Override
    public Integer initialState() {
        return 0;
    }

    @Override
    public List<Event> decide(Add command, Integer total) {
        return command.amount() < 0 ? List.of(new Refused("test.counter.add", "negative amount"))
                : List.of(new Added(command.amount(), total + command.amount()));
    }

    @Override
    public Integer evolve(Integer total, Event event) {
        return event instanceof Added added ? added.total() : total;
    }
}

package io.ripple.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainTreeTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private static TracedEvent event(String id, String type, String source, String cause, long offsetMs,
            TracedEvent.Delivery... deliveries) {
        return new TracedEvent(id, type, source, "m1", cause, T0.plusMillis(offsetMs), List.of(deliveries));
    }

    private static TracedEvent.Delivery delivered(String trigger, int attempts, long finishedMs) {
        return new TracedEvent.Delivery(trigger, "delivered", attempts, 204, T0.plusMillis(finishedMs));
    }

    @Test
    void eventsAreNestedUnderTheirCauseWithOffsetsAndOutcomes() {
        List<String> lines = ChainTree.render("c1", List.of(
                event("c1", "coffee.machine.brew", "/ripple/cli", null, 0, delivered("coffee-machine", 1, 20)),
                event("e1", "coffee.machine.brew-started", "/actors/coffee-machine/m1", "c1", 15,
                        delivered("hardware", 3, 240))));

        assertThat(lines).containsExactly(
                "chain c1: 2 event(s) in 240 ms",
                "└─ +0 ms coffee.machine.brew  from /ripple/cli  subject m1",
                "     → coffee-machine: delivered",
                "   └─ +15 ms coffee.machine.brew-started  from coffee-machine/m1  subject m1",
                "        → hardware: delivered, retried 2 times");
    }

    @Test
    void aDeadLetterShowsItsCodeAndCountsInTheSummary() {
        List<String> lines = ChainTree.render("c2", List.of(event("c2", "coffee.machine.brew", "/ripple/cli", null, 0,
                new TracedEvent.Delivery("coffee-machine", "dead-lettered", 6, 503, T0.plusMillis(3000)))));

        assertThat(lines.get(0)).isEqualTo("chain c2: 1 event(s) in 3000 ms, 1 dead-lettered");
        assertThat(lines.get(2)).endsWith("coffee-machine: dead-lettered with code 503, retried 5 times");
    }

    @Test
    void anEmptyChainSaysSo() {
        assertThat(ChainTree.render("nope", List.of())).containsExactly(
                "chain nope: no event (yet) with this correlationid");
    }

    @Test
    void siblingsAreDrawnWithBranches() {
        List<String> lines = ChainTree.render("c3", List.of(
                event("c3", "coffee.machine.power-off", "/x", null, 0),
                event("a", "coffee.machine.brewing-finished", "/actors/coffee-machine/m1", "c3", 5),
                event("b", "coffee.machine.powered-off", "/actors/coffee-machine/m1", "c3", 6)));

        assertThat(lines).containsExactly(
                "chain c3: 3 event(s) in 6 ms",
                "└─ +0 ms coffee.machine.power-off  from /x  subject m1",
                "   ├─ +5 ms coffee.machine.brewing-finished  from coffee-machine/m1  subject m1",
                "   └─ +6 ms coffee.machine.powered-off  from coffee-machine/m1  subject m1");
    }

    @Test
    void anActorWhoseIdWasPercentEncodedInTheSourceReadsAsItsId() {
        assertThat(ChainTree.actorOf("/actors/table/table%204")).isEqualTo("table/table 4");
        assertThat(ChainTree.actorOf("/actors/coffee-machine/m1")).isEqualTo("coffee-machine/m1");
        assertThat(ChainTree.actorOf("/actors/odd/100%")).isEqualTo("odd/100%");
        assertThat(ChainTree.actorOf("https://shop.example/tills/1")).isEqualTo("https://shop.example/tills/1");
    }
}

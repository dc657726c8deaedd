package io.ripple.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.insights.ShopInsights.MachineInsights;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopInsightsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");
    private int ids;

    private Fact fact(String type, int second, String order, String machine, String outcome, String reason,
            String policy) {
        return new Fact("/test", "e-" + ids++, type, null, T0.plusSeconds(second), order, machine, "latte", outcome,
                reason, policy);
    }

    /** o1: queued 0, assigned 2, brew 3..13 ok, completed 14. o2: brew on m1 fails, retried on m2 (timed out), given up. */
    private List<Fact> history() {
        return List.of(
                fact("coffee.order.accepted", 0, "o1", null, null, null, null),
                fact("coffee.barista.order-queued", 0, "o1", null, null, null, null),
                fact("coffee.barista.order-assigned", 2, "o1", "m1", null, null, null),
                fact("coffee.machine.brew-started", 3, "o1", "m1", null, null, null),
                fact("coffee.machine.brewing-finished", 13, "o1", "m1", "ok", null, null),
                fact("coffee.order.completed", 14, "o1", "m1", null, null, null),
                fact("coffee.order.accepted", 20, "o2", null, null, null, null),
                fact("coffee.barista.order-queued", 20, "o2", null, null, null, null),
                fact("coffee.barista.order-assigned", 20, "o2", "m1", null, null, null),
                fact("coffee.machine.brew-started", 21, "o2", "m1", null, null, null),
                fact("coffee.machine.brewing-finished", 25, "o2", "m1", "failed", "no water", null),
                fact("coffee.supervisor.order-retry-requested", 25, "o2", "m1", null, "no water", "retry"),
                fact("coffee.barista.order-queued", 26, "o2", null, null, null, null),
                fact("coffee.barista.order-assigned", 30, "o2", "m2", null, null, null),
                fact("coffee.machine.brew-started", 31, "o2", "m2", null, null, null),
                fact("coffee.machine.brewing-timed-out", 121, "o2", "m2", null, "silent", null),
                fact("coffee.supervisor.order-given-up", 121, "o2", null, null, "limit", "retry"),
                fact("coffee.supervisor.alert-raised", 121, null, null, null, "limit", "retry"),
                fact("coffee.order.failed", 122, "o2", null, null, "limit", null),
                fact("coffee.order.rejected", 130, "o3", null, null, "not on the menu", null));
    }

    @Test
    void everyMachineHasItsFailureRateBrewTimesAndReasons() {
        ShopInsights insights = ShopInsights.of(history());
        assertThat(insights.events()).isEqualTo(20);
        MachineInsights m1 = insights.machines().get("m1");
        assertThat(m1).isEqualTo(new MachineInsights(2, 1, 1, 0, 0.5, new Durations(2, 4.0, 10.0, 10.0, 10.0),
                Map.of("no water", 1L)));
        MachineInsights m2 = insights.machines().get("m2");
        assertThat(m2).isEqualTo(new MachineInsights(1, 0, 0, 1, 1.0, new Durations(1, 90.0, 90.0, 90.0, 90.0),
                Map.of("timed out", 1L)));
    }

    @Test
    void everyStepOfAnOrderIsMeasured() {
        Map<String, Durations> steps = ShopInsights.of(history()).steps();
        assertThat(steps.keySet()).containsExactly("queue-wait", "dispatch", "brew", "order-to-completion");
        assertThat(steps.get("queue-wait")).isEqualTo(new Durations(3, 2.0, 4.0, 4.0, 4.0));
        assertThat(steps.get("dispatch")).isEqualTo(new Durations(3, 1.0, 1.0, 1.0, 1.0));
        assertThat(steps.get("brew")).isEqualTo(new Durations(3, 10.0, 90.0, 90.0, 90.0));
        assertThat(steps.get("order-to-completion")).isEqualTo(new Durations(1, 14.0, 14.0, 14.0, 14.0));
    }

    @Test
    void ordersAndTheSupervisorsWorkAreCounted() {
        ShopInsights insights = ShopInsights.of(history());
        assertThat(insights.orders()).isEqualTo(new ShopInsights.OrderInsights(2, 1, 1, 1, 1,
                new Durations(1, 14.0, 14.0, 14.0, 14.0)));
        assertThat(insights.supervisor()).isEqualTo(Map.of("order-retry-requested", 1L, "order-given-up", 1L,
                "alert-raised", 1L));
        assertThat(insights.policies()).isEqualTo(Map.of("retry", 3L));
    }

    @Test
    void theOrderOfArrivalDoesNotMatterOnlyTheEventsTimes() {
        List<Fact> shuffled = new ArrayList<>(history());
        Collections.reverse(shuffled);
        assertThat(ShopInsights.of(shuffled)).isEqualTo(ShopInsights.of(history()));
    }

    @Test
    void aMachineWithNoEndedBrewHasNoFailureRateYet() {
        ShopInsights insights = ShopInsights.of(List.of(fact("coffee.machine.brew-started", 0, null, "m9", null,
                null, null)));
        assertThat(insights.machines().get("m9").failureRate()).isNull();
        assertThat(insights.machines().get("m9").brewTime()).isEqualTo(Durations.NONE);
    }

    @Test
    void nothingHappenedMeansNoNumbers() {
        ShopInsights insights = ShopInsights.of(List.of());
        assertThat(insights.machines()).isEmpty();
        assertThat(insights.steps().values()).containsOnly(Durations.NONE);
    }
}

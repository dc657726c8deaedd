package io.ripple.cli.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopologyTest {

    @Test
    void aConsumedTypeNobodyEmitsIsAnErrorUnlessDeclaredExternal() {
        Topology topology = new Topology(Map.of(), Map.of("coffee-machine", Set.of("coffee.machine.brew")), Map.of(),
                Set.of());
        assertThat(topology.check()).extracting(Topology.Finding::error).containsExactly(true);

        Topology declared = new Topology(Map.of(), Map.of("coffee-machine", Set.of("coffee.machine.brew")), Map.of(),
                Set.of("coffee.machine.brew"));
        assertThat(declared.check()).isEmpty();
    }

    @Test
    void anEmittedTypeNobodyConsumesIsAWarning() {
        Topology topology = new Topology(Map.of("coffee-machine", Set.of("coffee.machine.brew-started")), Map.of(),
                Map.of(), Set.of());
        List<Topology.Finding> findings = topology.check();
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).error()).isFalse();
        assertThat(findings.get(0).message()).contains("coffee.machine.brew-started", "nobody consumes");
    }

    @Test
    void prefixFiltersConsumeMatchingTypes() {
        Topology topology = new Topology(Map.of("coffee-machine", Set.of("coffee.machine.brew-started")),
                Map.of("insights", Set.of()), Map.of("insights", Set.of("coffee.machine.")), Set.of());
        assertThat(topology.check()).isEmpty();
        assertThat(topology.edges()).containsExactly(
                new Topology.Edge("coffee-machine", "coffee.machine.brew-started", "insights"));
    }

    @Test
    void aCycleBetweenServicesIsAWarning() {
        Topology topology = new Topology(
                Map.of("order", Set.of("coffee.order.accepted"), "barista", Set.of("coffee.barista.order-assigned")),
                Map.of("barista", Set.of("coffee.order.accepted"), "order", Set.of("coffee.barista.order-assigned")),
                Map.of(), Set.of());
        assertThat(topology.check()).extracting(Topology.Finding::toString)
                .containsExactly("warning: cycle: barista → order → barista");
    }
}

package io.ripple.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FactReaderTest {

    private static final Instant T = Instant.parse("2026-01-01T08:00:00Z");
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text);
    }

    @Test
    void aMachinesEventConcernsTheMachineItCameFromAndTheOrderInItsData() throws Exception {
        Fact fact = FactReader.read("/actors/coffee-machine/m1", "e1", "coffee.machine.brewing-finished", "m1", T,
                json("{\"recipe\":\"latte\",\"outcome\":\"failed\",\"reason\":\"no water\",\"order\":\"o1\"}"))
                .orElseThrow();
        assertThat(fact).isEqualTo(new Fact("/actors/coffee-machine/m1", "e1", "coffee.machine.brewing-finished",
                "m1", T, "o1", "m1", "latte", "failed", "no water", null));
    }

    @Test
    void anOrdersEventConcernsTheOrderItCameFrom() throws Exception {
        Fact fact = FactReader.read("/actors/order/o1", "e2", "coffee.order.completed", "o1", T,
                json("{\"recipe\":\"latte\",\"machine\":\"m2\"}")).orElseThrow();
        assertThat(fact.order()).isEqualTo("o1");
        assertThat(fact.machine()).isEqualTo("m2");
    }

    @Test
    void theBaristasAndSupervisorsEventsNameOrderAndMachineInTheirData() throws Exception {
        Fact fact = FactReader.read("/actors/supervisor/shop", "e3", "coffee.supervisor.order-retry-requested",
                "shop", T, json("{\"order\":\"o1\",\"recipe\":\"latte\",\"machine\":\"m1\",\"policy\":\"retry\"}"))
                .orElseThrow();
        assertThat(fact.order()).isEqualTo("o1");
        assertThat(fact.machine()).isEqualTo("m1");
        assertThat(fact.policy()).isEqualTo("retry");
    }

    @Test
    void typesTheInsightsDoNotCountAreIgnored() throws Exception {
        assertThat(FactReader.read("/s", "e4", "coffee.order.refund-requested", "o1", T, json("{}"))).isEmpty();
        assertThat(FactReader.read("/s", "e5", "coffee.machine.brew-started", "m1", T, null)).isPresent();
    }
}

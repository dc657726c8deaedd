package io.ripple.hardwaresimulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class FinishBrewingEventsTest {

    private static final HardwareOutcomes.Outcome OK = new HardwareOutcomes(0.0, 1).outcomeOf("any");

    private static CloudEvent brewStarted(String contentType, String data) {
        return CloudEventBuilder.v1().withId("b1").withSource(URI.create("/actors/coffee-machine/m1"))
                .withType(FinishBrewingEvents.BREW_STARTED).withSubject("m1")
                .withData(contentType, data.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static String dataOf(CloudEvent finish) {
        return new String(finish.getData().toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theReportNamesTheOrderOfTheBrewItAnswers() {
        CloudEvent finish = FinishBrewingEvents.finishOf(
                brewStarted("application/json", "{\"recipe\":\"latte\",\"order\":\"order-7\"}"), OK, OffsetDateTime.now());
        assertThat(dataOf(finish)).isEqualTo("{\"outcome\":\"ok\",\"order\":\"order-7\"}");
    }

    @Test
    void aBrewWithoutOrderGetsAReportWithoutOrder() {
        CloudEvent finish = FinishBrewingEvents.finishOf(brewStarted("application/json", "{\"recipe\":\"latte\"}"), OK,
                OffsetDateTime.now());
        assertThat(dataOf(finish)).isEqualTo("{\"outcome\":\"ok\"}");
    }

    @Test
    void dataThatIsNotJsonNamesNoOrder() {
        assertThat(FinishBrewingEvents.orderOf(brewStarted("text/plain", "latte for order-7"))).isNull();
        assertThat(FinishBrewingEvents.orderOf(brewStarted("application/json", "{\"order\":42}"))).isNull();
    }
}

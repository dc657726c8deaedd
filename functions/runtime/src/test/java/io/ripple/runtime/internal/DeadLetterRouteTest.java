package io.ripple.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ripple.runtime.ActorDefinition;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterRouteTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-01-01T08:00:00Z");

    /** The test counter, taking dead letters as {@code test.counter.add} for the actor "ledger". */
    private static final ActorDefinition<Counter.Add, Counter.Event, Integer> TAKES_DEAD_LETTERS =
            ActorDefinition.builder("counter", new Counter()).commands(Counter.Add.class)
                    .events(Counter.Added.class, Counter.Refused.class)
                    .reactsTo(Counter.Deposited.class, deposit -> java.util.Optional.empty())
                    .deadLetters(Counter.Add.class, "ledger").build();

    private static IncomingCommand deposited() {
        return new IncomingCommand("e-1", "/actors/bank/b1", "test.bank.deposited", "b1", NOW.minusMinutes(1),
                "chain-1", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null,
                JsonNodeFactory.instance.objectNode().put("account", "a1").put("amount", 5));
    }

    @Test
    void anEventWithKnativeErrorDestBecomesTheDeadLetterCommand() {
        Map<String, String> extensions = Map.of("knativeerrordest", "http://bank.ripple.svc",
                "knativeerrorcode", "503",
                "knativeerrordata", Base64.getEncoder().encodeToString("store down".getBytes(StandardCharsets.UTF_8)));

        IncomingCommand routed = DeadLetterRoute.route(deposited(), extensions, TAKES_DEAD_LETTERS, NOW);

        assertThat(routed.type()).isEqualTo("test.counter.add");
        assertThat(routed.subject()).isEqualTo("ledger");
        assertThat(routed.id()).isEqualTo("e-1/dead-letter/http://bank.ripple.svc");
        assertThat(routed.correlationId()).isEqualTo("chain-1");
        assertThat(routed.traceparent()).isEqualTo(deposited().traceparent());
        assertThat(routed.time()).isEqualTo(NOW);
        assertThat(routed.data().toString()).isEqualTo("{\"eventId\":\"e-1\",\"eventType\":\"test.bank.deposited\","
                + "\"eventSubject\":\"b1\",\"trigger\":\"http://bank.ripple.svc\",\"statusCode\":503,"
                + "\"reason\":\"store down\",\"at\":\"2026-01-01T08:00Z\"}");
    }

    @Test
    void withoutErrorDataTheReasonNamesTheStatus() {
        IncomingCommand routed = DeadLetterRoute.route(deposited(),
                Map.of("knativeerrordest", "http://bank", "knativeerrorcode", "500"), TAKES_DEAD_LETTERS, NOW);

        assertThat(routed.data().get("reason").asText()).isEqualTo("delivery failed with HTTP 500");
    }

    @Test
    void theSameEventDeadLetteredByTwoDestinationsIsTwoCommands() {
        IncomingCommand first = DeadLetterRoute.route(deposited(), Map.of("knativeerrordest", "http://a"),
                TAKES_DEAD_LETTERS, NOW);
        IncomingCommand second = DeadLetterRoute.route(deposited(), Map.of("knativeerrordest", "http://b"),
                TAKES_DEAD_LETTERS, NOW);

        assertThat(first.id()).isNotEqualTo(second.id()).isNotEqualTo("e-1");
        assertThat(second.data().has("statusCode")).isFalse();
    }

    @Test
    void anEventWithoutKnativeErrorDestIsRoutedByType() {
        IncomingCommand routed = DeadLetterRoute.route(deposited(), Map.of("knativeerrorcode", "500"),
                TAKES_DEAD_LETTERS, NOW);

        assertThat(routed).isEqualTo(deposited());
    }

    @Test
    void anActorThatTakesNoDeadLettersGetsTheEventByType() {
        IncomingCommand routed = DeadLetterRoute.route(deposited(), Map.of("knativeerrordest", "http://bank"),
                Counter.DEFINITION, NOW);

        assertThat(routed).isEqualTo(deposited());
    }
}

package io.ripple.devbroker;

import static io.ripple.devbroker.support.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.ripple.devbroker.support.BrokerProcess;
import io.ripple.devbroker.support.Events;
import io.ripple.devbroker.support.Subscriber;
import io.ripple.devbroker.support.Subscriber.Received;
import io.ripple.devbroker.support.Subscriber.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replies re-enter the broker: chains, loops stopped by {@code knativebrokerttl}, trace context kept. */
class ReplyIT {

    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    static Subscriber sink;
    static BrokerProcess broker;

    @BeforeAll
    static void start() {
        sink = Subscriber.start().respond(ReplyIT::answer);
        broker = BrokerProcess.with("replies").service("sink", sink.url()).start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        sink.close();
    }

    private static Response answer(Received request) {
        CloudEvent cause = request.event();
        return switch (request.path()) {
            case "/hop-one" -> Response.reply(next(cause, "r.two"));
            case "/hop-two" -> Response.reply(next(cause, "r.three"));
            case "/loop" -> Response.reply(next(cause, "r.loop"));
            default -> Response.noContent();
        };
    }

    /** A reply: a new event caused by {@code cause}, same chain. */
    private static CloudEvent next(CloudEvent cause, String type) {
        return CloudEventBuilder.v1().withId(cause.getId() + "~" + type).withSource(java.net.URI.create("/replier"))
                .withType(type).withExtension("correlationid", String.valueOf(cause.getExtension("correlationid")))
                .withDataContentType("application/json").withData("{}".getBytes()).build();
    }

    @Test
    void repliesChainThreeHops() {
        CloudEvent first = event("r.one").withExtension("correlationid", "chain-1").build();

        assertThat(Events.post(broker.ingress(), first).statusCode()).isEqualTo(202);

        Received third = await().until(() -> sink.received(r -> r.path().equals("/hop-three")
                && "chain-1".equals(r.extension("correlationid"))), list -> !list.isEmpty()).get(0);
        assertThat(third.event().getId()).isEqualTo(first.getId() + "~r.two~r.three");
        assertThat(third.extension("knativebrokerttl")).as("one less per reply").isEqualTo("253");
        JsonNode chain = broker.getJson("/api/v1/events?correlationid=chain-1").path("items");
        assertThat(chain.findValuesAsText("type")).containsExactly("r.one", "r.two", "r.three");
    }

    @Test
    void replyLoopStopsWhenTtlRunsOut() {
        CloudEvent looping = event("r.loop").withExtension("knativebrokerttl", 3)
                .withExtension("correlationid", "loop-1").build();

        assertThat(Events.post(broker.ingress(), looping).statusCode()).isEqualTo(202);

        // ttl 3 -> reply ttl 2 -> reply ttl 1 -> its reply would have ttl 0: dropped, and recorded.
        String lastId = looping.getId() + "~r.loop~r.loop";
        JsonNode last = await().until(() -> deliveries(lastId), items -> items.size() == 1).get(0);
        assertThat(last.path("detail").asText()).contains("knativebrokerttl");
        assertThat(sink.received(r -> "loop-1".equals(r.extension("correlationid")))).hasSize(3);
        assertThat(broker.getJson("/api/v1/events?correlationid=loop-1").path("items")).hasSize(3);
    }

    @Test
    void traceContextIsKeptThroughDeliveryAndReplies() {
        CloudEvent first = event("r.one").withExtension("correlationid", "traced").build();

        assertThat(Events.post(broker.ingress(), first, Map.of("traceparent", TRACEPARENT)).statusCode())
                .isEqualTo(202);

        List<Received> hops = await().until(() -> sink.received(r -> "traced".equals(r.extension("correlationid"))),
                list -> list.size() == 3);
        for (Received hop : hops) {
            assertThat(hop.header("traceparent")).as("traceparent at %s", hop.path()).isEqualTo(TRACEPARENT);
            assertThat(hop.extension("traceparent")).isEqualTo(TRACEPARENT);
        }
    }

    private static JsonNode deliveries(String eventId) {
        var response = broker.get("/api/v1/events/" + eventId + "/deliveries");
        if (response.statusCode() != 200) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        return broker.getJson("/api/v1/events/" + eventId + "/deliveries").path("items");
    }
}

package io.ripple.devbroker;

import static io.ripple.devbroker.support.Events.event;
import static io.ripple.devbroker.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import io.ripple.devbroker.support.BrokerProcess;
import io.ripple.devbroker.support.Events;
import io.ripple.devbroker.support.Subscriber;
import java.io.ByteArrayInputStream;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ingress {@code POST /<namespace>/<broker>}: content modes, Knative extensions, every status code. */
class IngressIT {

    private static final int MAX_EVENT_SIZE = 4096;

    static Subscriber sink;
    static BrokerProcess broker;

    @BeforeAll
    static void start() {
        sink = Subscriber.start();
        broker = BrokerProcess.with("ingress").service("sink", sink.url())
                .property("ripple.broker.max-event-size", Integer.toString(MAX_EVENT_SIZE)).start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        sink.close();
    }

    @Test
    void binaryEventIsAcceptedAndDeliveredWithKnativeExtensions() {
        CloudEvent sent = event("i.binary").build();

        HttpResponse<String> response = Events.post(broker.ingress(), sent);

        assertThat(response.statusCode()).isEqualTo(202);
        Subscriber.Received received = await().until(() -> sink.received(r -> r.event().getId().equals(sent.getId())),
                list -> !list.isEmpty()).get(0);
        assertThat(received.event().getType()).isEqualTo("i.binary");
        assertThat(received.event().getData().toBytes()).isEqualTo(sent.getData().toBytes());
        assertThat(received.extension("knativebrokerttl")).isEqualTo("255");
        assertThat(Instant.parse(received.extension("knativearrivaltime"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(received.header("Prefer")).isEqualTo("reply");
        assertThat(received.header("ce-id")).as("delivered in binary mode").isEqualTo(sent.getId());
    }

    @Test
    void structuredEventIsAccepted() {
        CloudEvent sent = event("i.structured").withSubject("s-1").build();

        HttpResponse<String> response = Events.postStructured(broker.ingress(), sent);

        assertThat(response.statusCode()).isEqualTo(202);
        Subscriber.Received received = await().until(() -> sink.received(r -> r.event().getId().equals(sent.getId())),
                list -> !list.isEmpty()).get(0);
        assertThat(received.event().getSubject()).isEqualTo("s-1");
        assertThat(new String(received.event().getData().toBytes(), StandardCharsets.UTF_8)).contains("\"n\"");
    }

    @Test
    void eventWithoutIdIsRejectedWith400() {
        HttpResponse<String> response = Events.send("POST", broker.ingress(), Map.of("ce-specversion", "1.0",
                "ce-source", "/tests", "ce-type", "i.no-id", "Content-Type", "application/json"), "{}".getBytes());

        assertThat(assertProblem(response, 400).path("detail").asText()).containsIgnoringCase("id");
    }

    @Test
    void bodyThatIsNotACloudEventIsRejectedWith400() {
        HttpResponse<String> response = Events.send("POST", broker.ingress(),
                Map.of("Content-Type", "application/json"), "{\"hello\":1}".getBytes());

        assertProblem(response, 400);
    }

    @Test
    void malformedStructuredEventIsRejectedWith400() {
        HttpResponse<String> response = Events.send("POST", broker.ingress(),
                Map.of("Content-Type", "application/cloudevents+json"), "{\"specversion\":\"1.0\",".getBytes());

        assertProblem(response, 400);
    }

    @Test
    void pathThatIsNotNamespaceAndBrokerIsRejectedWith400() {
        byte[] body = "{}".getBytes();
        Map<String, String> headers = Map.of("ce-specversion", "1.0", "ce-id", "1", "ce-source", "/t", "ce-type", "t");

        assertProblem(Events.send("POST", broker.url("/ripple/default/extra"), headers, body), 400);
        assertProblem(Events.send("POST", broker.url("/ripple"), headers, body), 400);
        assertProblem(Events.send("POST", broker.url("/Ripple/Default"), headers, body), 400);
    }

    @Test
    void unknownBrokerIsRejectedWith404() {
        HttpResponse<String> response = Events.post(broker.url("/ripple/nope"), event("i.unknown").build());

        assertThat(assertProblem(response, 404).path("detail").asText()).contains("ripple/nope");
    }

    @Test
    void otherMethodsAreRejectedWith405AndAllow() {
        for (String method : new String[] {"GET", "PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> response = Events.send(method, broker.ingress(), Map.of(), new byte[0]);

            assertProblem(response, 405);
            assertThat(response.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
        }
    }

    @Test
    void optionsIsAnsweredWithAllowedMethods() {
        HttpResponse<String> response = Events.send("OPTIONS", broker.ingress(),
                Map.of("WebHook-Request-Origin", "tests.example"), new byte[0]);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
        assertThat(response.headers().firstValue("WebHook-Allowed-Origin")).hasValue("*");
    }

    @Test
    void eventLargerThanTheLimitIsRejectedWith413() {
        CloudEvent big = event("i.big").withData(new byte[MAX_EVENT_SIZE + 1]).build();

        assertProblem(Events.post(broker.ingress(), big), 413);
    }

    @Test
    void chunkedEventLargerThanTheLimitIsRejectedWith413() throws Exception {
        // An InputStream publisher has no length: the body is sent chunked, without Content-Length.
        HttpRequest request = HttpRequest.newBuilder(broker.ingress())
                .header("ce-specversion", "1.0").header("ce-id", "big-chunked").header("ce-source", "/tests")
                .header("ce-type", "i.big").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(new byte[MAX_EVENT_SIZE * 4])))
                .timeout(Duration.ofSeconds(30)).build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 413);
    }

    @Test
    void eventWithExhaustedTtlIsRejectedWith400() {
        CloudEvent looping = event("i.ttl").withExtension("knativebrokerttl", 0).build();

        assertThat(assertProblem(Events.post(broker.ingress(), looping), 400).path("type").asText())
                .isEqualTo("urn:ripple:problem:ttl-exhausted");
    }

    @Test
    void eventWithTtlLeftKeepsIt() {
        CloudEvent sent = event("i.ttl-left").withExtension("knativebrokerttl", 7).build();

        assertThat(Events.post(broker.ingress(), sent).statusCode()).isEqualTo(202);

        Subscriber.Received received = await().until(() -> sink.received(r -> r.event().getId().equals(sent.getId())),
                list -> !list.isEmpty()).get(0);
        assertThat(received.extension("knativebrokerttl")).isEqualTo("7");
    }

    @Test
    void eventToAnotherBrokerIsAccepted() {
        assertThat(Events.post(broker.url("/ripple/other"), event("i.other").build()).statusCode()).isEqualTo(202);
    }

}

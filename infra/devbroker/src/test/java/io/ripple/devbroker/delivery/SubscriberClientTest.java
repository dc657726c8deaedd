package io.ripple.devbroker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deliveries made on an event loop use that loop's connections, over real loopback HTTP. */
class SubscriberClientTest {

    private Vertx vertx;
    private HttpServer server;
    private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
    private final List<String> eventIds = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        server = vertx.createHttpServer().requestHandler(request -> {
            clientPorts.add(request.remoteAddress().port());
            eventIds.add(request.getHeader("ce-id"));
            request.response().setStatusCode(204).end();
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eachLoopKeepsItsOwnConnectionsAndReusesThem() throws Exception {
        DeliveryLanes lanes = DeliveryLanes.of(vertx);
        SubscriberClient client = new SubscriberClient(vertx, lanes, 4);

        assertThat(postOn(lanes, 0, client, "a-1")).isEqualTo(204);
        assertThat(postOn(lanes, 0, client, "a-2")).isEqualTo(204);
        assertThat(postOn(lanes, 1, client, "b-1")).isEqualTo(204);

        assertThat(eventIds).containsExactly("a-1", "a-2", "b-1");
        assertThat(clientPorts.get(1)).as("a second delivery on loop 0 reuses its connection")
                .isEqualTo(clientPorts.get(0));
        assertThat(clientPorts.get(2)).as("loop 1 has a connection of its own").isNotEqualTo(clientPorts.get(0));
        client.close();
    }

    private int postOn(DeliveryLanes lanes, int lane, SubscriberClient client, String id) throws Exception {
        URI target = URI.create("http://127.0.0.1:" + server.actualPort() + "/");
        CloudEvent event = CloudEventBuilder.v1().withId(id).withSource(URI.create("/test")).withType("t.test").build();
        CompletableFuture<Integer> status = new CompletableFuture<>();
        lanes.run(lane, List.of(event), e -> client.post(target, e, Map.of(), Duration.ofSeconds(5))
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        status.completeExceptionally(failure);
                    } else {
                        status.complete(response.status());
                    }
                }));
        return status.get(10, TimeUnit.SECONDS);
    }
}

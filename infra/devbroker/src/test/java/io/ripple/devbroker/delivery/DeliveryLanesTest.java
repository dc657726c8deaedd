package io.ripple.devbroker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lanes put deliveries on every event loop, each lane always on the same one. */
class DeliveryLanesTest {

    private Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void thereIsOneLaneOnEachEventLoop() throws Exception {
        DeliveryLanes lanes = DeliveryLanes.of(vertx);

        Set<String> threads = ConcurrentHashMap.newKeySet();
        for (int lane = 0; lane < lanes.size(); lane++) {
            threads.add(threadOf(lanes, lane));
            assertThat(threadOf(lanes, lane)).as("lane %d runs on one loop", lane).isEqualTo(threadOf(lanes, lane));
        }

        assertThat(lanes.size()).isEqualTo(2);
        assertThat(threads).hasSize(2).allMatch(name -> name.startsWith("vert.x-eventloop-thread-"));
    }

    @Test
    void workForTheCallersOwnLaneRunsAtOnceAndOtherLanesGetItQueued() throws Exception {
        DeliveryLanes lanes = DeliveryLanes.of(vertx);
        CompletableFuture<List<String>> seen = new CompletableFuture<>();

        lanes.context(0).runOnContext(v -> {
            List<String> order = new CopyOnWriteArrayList<>();
            int here = lanes.current();
            lanes.run(here, List.of("same lane"), order::add);
            order.add("after run");
            lanes.run(1 - here, List.of("other lane"), item -> {
                order.add(item);
                seen.complete(order);
            });
        });

        assertThat(seen.get(10, TimeUnit.SECONDS)).containsExactly("same lane", "after run", "other lane");
        assertThat(lanes.current()).as("the test thread is on no lane").isEqualTo(-1);
    }

    @Test
    void aKeyAlwaysGetsTheSameLaneAndUnkeyedWorkTakesTurns() {
        DeliveryLanes lanes = DeliveryLanes.of(vertx);

        assertThat(lanes.forKey("order-17")).isEqualTo(lanes.forKey("order-17")).isBetween(0, 1);
        assertThat(Set.of(lanes.forKey("a"), lanes.forKey("b"))).as("different keys spread").hasSize(2);
        int first = lanes.nextInTurn();
        assertThat(lanes.nextInTurn()).isEqualTo(1 - first);
        assertThat(lanes.nextInTurn()).isEqualTo(first);
    }

    private static String threadOf(DeliveryLanes lanes, int lane) throws Exception {
        CompletableFuture<String> thread = new CompletableFuture<>();
        lanes.run(lane, List.of(lane), item -> thread.complete(Thread.currentThread().getName()));
        return thread.get(10, TimeUnit.SECONDS);
    }
}

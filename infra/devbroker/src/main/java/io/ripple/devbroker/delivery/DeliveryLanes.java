package io.ripple.devbroker.delivery;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One delivery lane per Vert.x event loop: a context bound to that loop, on which deliveries start
 * and their HTTP responses arrive.
 *
 * <p>Deliveries used to run on a single context, so one event loop carried every delivery on top of
 * its share of the ingress connections while the other loop waited: in the benchmark that loop used
 * twice the CPU of the other and capped the broker's rate (docs/benchmarks-devbroker.md, fourteenth
 * session). Spreading deliveries over all loops uses both cores.
 */
public final class DeliveryLanes {

    private final List<Lane> lanes;
    private final AtomicInteger next = new AtomicInteger();

    private DeliveryLanes(List<Lane> lanes) {
        this.lanes = List.copyOf(lanes);
    }

    /** A lane on each of {@code vertx}'s event loops. */
    public static DeliveryLanes of(Vertx vertx) {
        VertxInternal internal = (VertxInternal) vertx;
        List<Lane> lanes = new ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (EventExecutor executor : internal.getEventLoopGroup()) {
            EventLoop loop = (EventLoop) executor;
            lanes.add(new Lane(internal.createEventLoopContext(loop, null, loader), loop));
        }
        if (lanes.isEmpty()) {
            throw new IllegalStateException("Vert.x has no event loop to deliver on");
        }
        return new DeliveryLanes(lanes);
    }

    int size() {
        return lanes.size();
    }

    /** The lane whose event loop runs the caller, or -1 off every event loop. */
    int current() {
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i).loop().inEventLoop()) {
                return i;
            }
        }
        return -1;
    }

    /** The lane of an ordered key: the same key always starts on the same loop. */
    int forKey(String key) {
        return Math.floorMod(key.hashCode(), lanes.size());
    }

    /** The next lane in turn, for work without a key. */
    int nextInTurn() {
        return Math.floorMod(next.getAndIncrement(), lanes.size());
    }

    Context context(int lane) {
        return lanes.get(lane).context();
    }

    /** Runs {@code task} on each item on {@code lane}'s loop: at once when the caller is on it, else queued. */
    <T> void run(int lane, List<T> items, Consumer<T> task) {
        Lane target = lanes.get(lane);
        if (target.loop().inEventLoop()) {
            items.forEach(task);
        } else {
            target.context().runOnContext(v -> items.forEach(task));
        }
    }

    private record Lane(Context context, EventLoop loop) {
    }
}

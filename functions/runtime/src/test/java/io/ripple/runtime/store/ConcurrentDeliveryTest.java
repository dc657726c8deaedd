package io.ripple.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Unordered, duplicated deliveries of one key to two function instances at once: every
 * command changes the state exactly once and the stream's versions stay contiguous.
 */
class ConcurrentDeliveryTest {

    @Nested
    class OnSqlite extends Contract {
        OnSqlite() {
            super(Backend.SQLITE);
        }
    }

    @Nested
    class OnPostgresql extends Contract {
        OnPostgresql() {
            super(Backend.POSTGRESQL);
        }
    }

    abstract static class Contract extends DatabasePerTest {

        private static final int COMMANDS = 40;
        private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");

        // One pool per test instance, made with it: a test skipped in the base class's @BeforeEach
        // (no PostgreSQL outside CI) still reaches stopThreads.
        private final ExecutorService threads = Executors.newFixedThreadPool(8);

        Contract(Backend backend) {
            super(backend);
        }

        @AfterEach
        void stopThreads() throws InterruptedException {
            threads.shutdownNow();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }

        @Test
        void parallelDuplicatedDeliveriesToOneKeyApplyEachCommandOnce() throws Exception {
            StreamId hot = Tally.stream("hot");
            try (JdbcStore first = database.open(); JdbcStore second = database.open()) {
                // Two instances of the function: separate pools, no lock shared in the JVM.
                TallyProcessor[] instances = {new TallyProcessor(first.eventStore(), 7, 10_000),
                        new TallyProcessor(second.eventStore(), 7, 10_000)};
                CountDownLatch start = new CountDownLatch(1);
                Map<String, List<Future<TallyProcessor.Outcome>>> deliveries = new HashMap<>();
                for (int i = 0; i < COMMANDS; i++) {
                    String commandId = "cmd-" + i;
                    Tally.Add add = new Tally.Add(i + 1, "worker-" + (i % 3), T0.plusSeconds(i));
                    List<Future<TallyProcessor.Outcome>> both = new ArrayList<>();
                    for (TallyProcessor instance : instances) {
                        Callable<TallyProcessor.Outcome> delivery = () -> {
                            start.await();
                            return instance.process(hot, commandId, add);
                        };
                        both.add(threads.submit(delivery));
                    }
                    deliveries.put(commandId, both);
                }

                start.countDown();

                for (Map.Entry<String, List<Future<TallyProcessor.Outcome>>> entry : deliveries.entrySet()) {
                    TallyProcessor.Outcome one = entry.getValue().get(0).get(60, TimeUnit.SECONDS);
                    TallyProcessor.Outcome other = entry.getValue().get(1).get(60, TimeUnit.SECONDS);
                    assertThat(List.of(one.duplicate(), other.duplicate()))
                            .as("exactly one delivery of %s applied it", entry.getKey())
                            .containsExactlyInAnyOrder(true, false);
                    assertThat(one.ids()).as("both deliveries of %s publish the same ids", entry.getKey())
                            .hasSize(1).isEqualTo(other.ids());
                }
                LoadedState<Tally.State> loaded = Tally.loadFresh(first.eventStore(), hot);
                Tally.Counting counting = (Tally.Counting) loaded.state();
                assertThat(counting.count()).isEqualTo(COMMANDS);
                assertThat(counting.total()).isEqualTo((long) COMMANDS * (COMMANDS + 1) / 2);
                assertThat(loaded.version()).isEqualTo(COMMANDS);
                assertThat(loaded.state()).isEqualTo(instances[1].states().replayAll(hot).state());
                assertThat(database.longs("SELECT version FROM ripple_events WHERE actor_id = 'hot' ORDER BY version"))
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, COMMANDS).boxed().toList());
                assertThat(database.longs("SELECT COUNT(*) FROM ripple_commands WHERE actor_id = 'hot'"))
                        .containsExactly((long) COMMANDS);
            }
        }

        @Test
        void aStaleCachedStateIsNoticedAtTheAppendAndReloaded() throws Exception {
            StreamId stream = Tally.stream("cached");
            try (JdbcStore first = database.open(); JdbcStore second = database.open()) {
                TallyProcessor one = new TallyProcessor(first.eventStore(), 0, 5);
                TallyProcessor other = new TallyProcessor(second.eventStore(), 0, 5);
                one.process(stream, "cmd-1", new Tally.Add(1, "one", T0));
                other.process(stream, "cmd-2", new Tally.Add(10, "other", T0));

                TallyProcessor.Outcome outcome = one.process(stream, "cmd-3", new Tally.Add(100, "one", T0));

                assertThat(outcome.conflicts()).as("the cached state at version 1 was stale").isEqualTo(1);
                Tally.Counting state = (Tally.Counting) one.states().load(stream).state();
                assertThat(state.total()).isEqualTo(111);
                assertThat(state).isEqualTo(Tally.loadFresh(second.eventStore(), stream).state());
            }
        }

        @Test
        void parallelDeliveriesToManyKeysNeverMixStreams() throws Exception {
            try (JdbcStore store = database.open()) {
                TallyProcessor processor = new TallyProcessor(store.eventStore(), 5, 100);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<TallyProcessor.Outcome>> results = new ArrayList<>();
                for (int key = 0; key < 8; key++) {
                    StreamId stream = Tally.stream("key-" + key);
                    for (int i = 0; i < 6; i++) {
                        String commandId = "cmd-" + i;
                        Tally.Add add = new Tally.Add(key, "k", T0.plusSeconds(i));
                        results.add(threads.submit(() -> {
                            start.await();
                            return processor.process(stream, commandId, add);
                        }));
                    }
                }
                start.countDown();
                for (Future<TallyProcessor.Outcome> result : results) {
                    assertThat(result.get(60, TimeUnit.SECONDS).duplicate()).isFalse();
                }

                for (int key = 0; key < 8; key++) {
                    Tally.Counting state = (Tally.Counting) Tally.loadFresh(store.eventStore(), Tally.stream("key-" + key))
                            .state();
                    assertThat(state.count()).isEqualTo(6);
                    assertThat(state.total()).isEqualTo(6L * key);
                }
            }
        }
    }
}

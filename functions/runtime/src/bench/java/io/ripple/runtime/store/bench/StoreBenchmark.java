package io.ripple.runtime.store.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.ripple.runtime.Decider;
import io.ripple.runtime.store.ActorStates;
import io.ripple.runtime.store.EventStore;
import io.ripple.runtime.store.JdbcStore;
import io.ripple.runtime.store.JsonSnapshotCodec;
import io.ripple.runtime.store.LoadedState;
import io.ripple.runtime.store.StoreSettings;
import io.ripple.runtime.store.StreamId;
import io.ripple.runtime.store.VersionConflictException;
import io.ripple.runtime.store.internal.InMemoryEventStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Commands per second through the store path of the runtime (duplicate check, load with
 * snapshot, decide, append with expected version, snapshot when due) on the in-memory
 * store, SQLite and PostgreSQL, for many keys and for one hot key. Durable commits:
 * SQLite WAL with synchronous=FULL, PostgreSQL with fsync and synchronous_commit on.
 *
 * <p>Run with {@code functions/runtime/src/bench/run-store-bench.sh}; arguments
 * {@code --pg-url URL --pg-user U --pg-password P --commands N --threads T --keys K}.
 * Not a test: it prints figures, it asserts nothing.
 */
public final class StoreBenchmark {

    record Deposit(int amount) {
    }

    record Deposited(int amount) {
    }

    record Account(long balance, int deposits) {
    }

    /** A small decider of the benchmark's own: every deposit is accepted. */
    static final Decider<Deposit, Deposited, Account> ACCOUNT = new Decider<>() {
        @Override
        public Account initialState() {
            return new Account(0, 0);
        }

        @Override
        public List<Deposited> decide(Deposit command, Account state) {
            return List.of(new Deposited(command.amount()));
        }

        @Override
        public Account evolve(Account state, Deposited event) {
            return new Account(state.balance() + event.amount(), state.deposits() + 1);
        }
    };

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOCK_STRIPES = 256;

    private final EventStore store;
    private final ActorStates<Deposited, Account> states;
    private final Object[] locks = new Object[LOCK_STRIPES];

    private StoreBenchmark(EventStore store, int snapshotEvery) {
        this.store = store;
        this.states = new ActorStates<>(store, ACCOUNT, StoreBenchmark::decode,
                new JsonSnapshotCodec<>(Account.class, JSON), snapshotEvery, 10_000);
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** Steps 2–4 of ARCHITECTURE.md, as the runtime's CommandProcessor does them. */
    private void process(StreamId stream, String commandId, Deposit command) {
        // One command at a time per address inside a process, as the runtime does.
        synchronized (locks[Math.floorMod(stream.hashCode(), LOCK_STRIPES)]) {
            for (int attempt = 1; ; attempt++) {
                Optional<List<CloudEvent>> earlier = store.eventsOfCommand(stream, commandId);
                if (earlier.isPresent()) {
                    return;
                }
                LoadedState<Account> loaded = states.load(stream);
                List<Deposited> events = ACCOUNT.decide(command, loaded.state());
                List<CloudEvent> encoded = new ArrayList<>(events.size());
                for (int i = 0; i < events.size(); i++) {
                    encoded.add(encode(stream, commandId, i, events.get(i)));
                }
                try {
                    store.append(stream, loaded.version(), commandId, encoded);
                } catch (VersionConflictException conflict) {
                    states.forget(stream);
                    if (attempt >= 5) {
                        throw conflict;
                    }
                    continue;
                }
                states.appended(stream, loaded, events);
                return;
            }
        }
    }

    private static CloudEvent encode(StreamId stream, String commandId, int index, Deposited event) {
        try {
            String name = stream.partitionKey() + ":" + commandId + ":" + index;
            return CloudEventBuilder.v1()
                    .withId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString())
                    .withSource(URI.create("/actors/" + stream.actorType() + "/" + stream.actorId()))
                    .withType("bench.account.deposited")
                    .withSubject(stream.actorId())
                    .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                    .withDataContentType("application/json")
                    .withData(JSON.writeValueAsBytes(event))
                    .withExtension("partitionkey", stream.partitionKey())
                    .withExtension("correlationid", commandId)
                    .withExtension("causationid", commandId)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Deposited> decode(List<CloudEvent> events) {
        List<Deposited> decoded = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            try {
                decoded.add(JSON.readValue(event.getData().toBytes(), Deposited.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return decoded;
    }

    record Result(String store, String scenario, int commands, double seconds, long[] latenciesNanos) {
        double perSecond() {
            return commands / seconds;
        }

        double percentileMillis(double p) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1_000_000.0;
        }
    }

    /** Runs {@code commands} commands from {@code threads} threads over {@code keys} keys. */
    private Result run(String storeName, String scenario, String runId, int commands, int threads, int keys)
            throws Exception {
        long[] latencies = new long[commands];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = next.getAndIncrement(); i < commands; i = next.getAndIncrement()) {
                        StreamId stream = new StreamId("account", runId + "-" + (i % keys));
                        long began = System.nanoTime();
                        process(stream, runId + "-cmd-" + i, new Deposit(1 + i % 10));
                        latencies[i] = System.nanoTime() - began;
                    }
                    return null;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            return new Result(storeName, scenario, commands, seconds, latencies);
        } finally {
            pool.shutdown();
        }
    }

    private static List<Result> measure(String storeName, EventStore store, Options options) throws Exception {
        StoreBenchmark bench = new StoreBenchmark(store, options.snapshotEvery);
        String run = Long.toString(System.currentTimeMillis(), 36);
        // Warm-up: JIT, pool connections, prepared statements.
        bench.run(storeName, "warm-up", run + "w", Math.max(500, options.commands / 10), options.threads, options.keys);
        List<Result> results = new ArrayList<>();
        results.add(bench.run(storeName, options.keys + " keys", run + "m", options.commands, options.threads,
                options.keys));
        results.add(bench.run(storeName, "1 hot key", run + "h", options.commands, options.threads, 1));
        return results;
    }

    static final class Options {
        String pgUrl = "jdbc:postgresql://127.0.0.1:55432/ripple";
        String pgUser = "ripple";
        String pgPassword = "ripple";
        int commands = 10_000;
        int threads = 8;
        int keys = 1_000;
        int snapshotEvery = 100;
        Path folder = Path.of("target", "bench");

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--pg-url" -> options.pgUrl = value;
                    case "--pg-user" -> options.pgUser = value;
                    case "--pg-password" -> options.pgPassword = value;
                    case "--commands" -> options.commands = Integer.parseInt(value);
                    case "--threads" -> options.threads = Integer.parseInt(value);
                    case "--keys" -> options.keys = Integer.parseInt(value);
                    case "--snapshot-every" -> options.snapshotEvery = Integer.parseInt(value);
                    case "--folder" -> options.folder = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return options;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.out.printf(Locale.ROOT, "Ripple store benchmark: %d commands per scenario, %d threads, %d keys, "
                + "snapshot every %d events, %d cores, Java %s%n", options.commands, options.threads, options.keys,
                options.snapshotEvery, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        List<Result> results = new ArrayList<>(measure("in-memory", new InMemoryEventStore(), options));

        Files.createDirectories(options.folder);
        Path sqliteFile = options.folder.resolve("bench-" + UUID.randomUUID() + ".db");
        try (JdbcStore sqlite = JdbcStore.open(StoreSettings.of("jdbc:sqlite:" + sqliteFile))) {
            System.out.println("sqlite: " + sqliteSettings(sqliteFile));
            results.addAll(measure("sqlite", sqlite.eventStore(), options));
        } finally {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(sqliteFile + suffix));
            }
        }

        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = DriverManager.getConnection(options.pgUrl, options.pgUser, options.pgPassword);
                Statement sql = admin.createStatement()) {
            System.out.println("postgresql: " + postgresSettings(sql));
            sql.execute("CREATE SCHEMA " + schema);
            String url = options.pgUrl + (options.pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            try (JdbcStore postgres = JdbcStore.open(new StoreSettings(url, options.pgUser, options.pgPassword,
                    options.threads))) {
                results.addAll(measure("postgresql", postgres.eventStore(), options));
            } finally {
                sql.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        } catch (java.sql.SQLException e) {
            System.out.println("postgresql: skipped, " + e.getMessage() + " (start it with .ci/postgres.sh)");
        }

        System.out.println();
        System.out.println("| store | scenario | commands/s | p50 ms | p99 ms |");
        System.out.println("| --- | --- | ---: | ---: | ---: |");
        for (Result result : results) {
            System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %.2f | %.2f |%n", result.store(), result.scenario(),
                    result.perSecond(), result.percentileMillis(50), result.percentileMillis(99));
        }
    }

    private static String sqliteSettings(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement sql = connection.createStatement();
                ResultSet mode = sql.executeQuery("PRAGMA journal_mode")) {
            mode.next();
            // synchronous is per connection; the store sets FULL on each of its connections.
            return "journal_mode=" + mode.getString(1) + ", synchronous=FULL (set by the store)";
        }
    }

    private static String postgresSettings(Statement sql) throws Exception {
        StringBuilder settings = new StringBuilder();
        for (String name : List.of("server_version", "fsync", "synchronous_commit", "wal_sync_method")) {
            try (ResultSet value = sql.executeQuery("SHOW " + name)) {
                value.next();
                settings.append(name).append('=').append(value.getString(1)).append(' ');
            }
        }
        return settings.toString().trim();
    }
}

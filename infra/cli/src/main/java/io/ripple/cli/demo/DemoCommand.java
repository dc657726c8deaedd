package io.ripple.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.cli.BrokerQueries;
import io.ripple.cli.CliException;
import io.ripple.cli.HttpUrlConverter;
import io.ripple.cli.trace.ChainReader;
import io.ripple.cli.trace.ChainTree;
import io.ripple.cli.up.FreePorts;
import io.ripple.cli.up.LocalRipple;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The coffee shop end to end: starts Ripple on free ports (the broker, every function of the",
                "manifests, the hardware simulator with injected failures), initializes the machines, places the",
                "orders as an outside producer (CloudEvents over HTTP to the broker ingress), shows progress and",
                "prints a summary: orders completed / healed (completed after a retry) / failed, chain duration",
                "p50/p99, per-machine insights and one healed chain as a tree. Stops everything it started.",
                "Exit code 1 if an order is still not completed or failed after --wait."})
public class DemoCommand implements Callable<Integer> {

    static final List<String> MENU = List.of("espresso", "ristretto", "lungo", "americano", "cappuccino", "latte",
            "flat-white", "mocha");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--orders", defaultValue = "200", description = "orders to place (default: ${DEFAULT-VALUE})")
    int orders;

    @Option(names = "--machines", defaultValue = "4", description = "coffee machines m1..mN (default: ${DEFAULT-VALUE})")
    int machines;

    @Option(names = "--failure-rate", defaultValue = "0.2",
            description = "share of brews the hardware simulator fails, 0 to 1 (default: ${DEFAULT-VALUE})")
    double failureRate;

    @Option(names = "--brew-duration", defaultValue = "1s",
            description = "how long the simulated hardware takes per brew (default: ${DEFAULT-VALUE})")
    Duration brewDuration;

    @Option(names = "--brew-timeout", defaultValue = "10s",
            description = "how long a machine waits for its hardware before it is FAULTY (default: ${DEFAULT-VALUE})")
    Duration brewTimeout;

    @Option(names = "--silent-machines", split = ",", description = "machines whose hardware never answers, e.g. m2")
    List<String> silentMachines = List.of();

    @Option(names = "--seed", description = "simulator seed: same seed, same failures (default: random)")
    Long seed;

    @Option(names = "--repair-after", defaultValue = "3s",
            description = {"the demo's technician power-cycles a machine the supervisor took out after this long,",
                    "unless it is silent (0s: never; then a flaky shop runs out of machines) (default: ${DEFAULT-VALUE})"})
    Duration repairAfter;

    @Option(names = "--wait", defaultValue = "5m",
            description = "how long the orders may take to end before the demo gives up (default: ${DEFAULT-VALUE})")
    Duration wait;

    @Option(names = "--broker", converter = HttpUrlConverter.class,
            description = "use a running `ripple up` at this ingress URL instead of starting one"
                    + " (its simulator settings apply then, not the options above)")
    URI broker;

    @Option(names = "--insights", converter = HttpUrlConverter.class,
            description = "with --broker: the insights function's GET URL (default: none shown)")
    URI insights;

    @Option(names = "--manifests", defaultValue = "knative/base", description = "manifests to run (default: ${DEFAULT-VALUE})")
    Path manifests;

    @Option(names = "--data-dir", description = "state and logs of the Ripple it starts (default: a new temporary folder)")
    Path dataDir;

    @Option(names = "--jvm-options", split = " ", defaultValue = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx128m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m",
            description = "JVM options of every function (default: ${DEFAULT-VALUE})")
    List<String> jvmOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        check();
        LocalRipple ripple = null;
        Thread onCtrlC = null;
        try {
            URI ingress = broker;
            URI insightsUrl = insights;
            if (broker == null) {
                Path data = dataDir != null ? dataDir : Files.createTempDirectory("ripple-demo-");
                Files.createDirectories(data.resolve("logs"));
                out.printf("demo: starting Ripple (state and logs in %s) ...%n", data);
                out.flush();
                PrintWriter upLog = new PrintWriter(Files.newBufferedWriter(data.resolve("logs/up.log")), true);
                ripple = LocalRipple.start(new LocalRipple.Settings(manifests, FreePorts.any(), data,
                        Duration.ofMinutes(10), Duration.ofSeconds(10), jvmOptions, Duration.ofSeconds(90),
                        simulatorEnvironment()), upLog);
                LocalRipple started = ripple;
                onCtrlC = new Thread(started::close, "ripple-demo-shutdown"); // Ctrl-C stops what the demo started
                Runtime.getRuntime().addShutdownHook(onCtrlC);
                ingress = URI.create(ripple.ingress());
                insightsUrl = URI.create(ripple.urlOf("insights") + "/insights");
            }
            return run(out, ingress, insightsUrl);
        } finally {
            if (onCtrlC != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(onCtrlC);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook is stopping everything already
                }
            }
            if (ripple != null) {
                out.println("demo: stopping Ripple");
                out.flush();
                ripple.close();
            }
        }
    }

    private void check() {
        if (orders < 1 || machines < 1) {
            throw new CliException("--orders and --machines must be at least 1");
        }
        if (failureRate < 0 || failureRate > 1) {
            throw new CliException("--failure-rate must be between 0 and 1, not " + failureRate);
        }
        if (brewTimeout.toSeconds() < 1) {
            throw new CliException("--brew-timeout must be at least 1s");
        }
        if (!brewDuration.isNegative() && brewTimeout.compareTo(brewDuration) <= 0) {
            throw new CliException("--brew-timeout (" + brewTimeout + ") must be longer than --brew-duration ("
                    + brewDuration + "), or every brew times out");
        }
    }

    /** The simulator's and the machines' settings, as environment for every function. */
    private Map<String, String> simulatorEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RIPPLE_SIMULATOR_FAILURE_RATE", Double.toString(failureRate));
        env.put("RIPPLE_SIMULATOR_BREW_DURATION", brewDuration.toString());
        if (seed != null) {
            env.put("RIPPLE_SIMULATOR_SEED", seed.toString());
        }
        if (!silentMachines.isEmpty()) {
            env.put("RIPPLE_SIMULATOR_SILENT_MACHINES", String.join(",", silentMachines));
        }
        env.put("RIPPLE_COFFEE_MACHINE_BREW_TIMEOUT", brewTimeout.toString());
        return env;
    }

    private int run(PrintWriter out, URI ingress, URI insightsUrl) throws InterruptedException {
        BrokerQueries queries = new BrokerQueries(URI.create(ingress.getScheme() + "://" + ingress.getRawAuthority()));
        ShopClient shop = new ShopClient(ingress);
        String run = UUID.randomUUID().toString().substring(0, 8);
        long startedAt = System.nanoTime();

        out.printf("demo: initializing %d machine(s)%n", machines);
        out.flush();
        List<String> inits = new ArrayList<>();
        for (int i = 1; i <= machines; i++) {
            inits.add(shop.initialize("init-" + run + "-m" + i, "m" + i));
        }
        awaitInitialized(queries, inits);

        out.printf("demo: placing %d order(s) (run %s)%n", orders, run);
        out.flush();
        Map<String, String> chains = new LinkedHashMap<>();
        for (int i = 1; i <= orders; i++) {
            String order = "order-" + run + "-" + i;
            String id = "place-" + run + "-" + i;
            shop.place(id, order, MENU.get((i - 1) % MENU.size()), "customer-" + i);
            chains.put(order, id);
        }

        ShopRecord record = new ShopRecord(chains);
        List<JsonNode> log = new ArrayList<>();
        Map<String, Long> repairsDue = new LinkedHashMap<>();
        int repairs = 0;
        long cursor = 0;
        long deadline = System.nanoTime() + wait.toNanos();
        long lastTerminal = -1;
        long lastPrint = 0;
        while (true) {
            List<JsonNode> entries = queries.events(Map.of(), cursor, 0);
            record.add(entries);
            log.addAll(entries);
            for (JsonNode entry : entries) {
                JsonNode event = entry.path("event");
                String machine = event.path("data").path("machine").asText();
                if (event.path("type").asText().equals("coffee.supervisor.machine-taken-out") && !repairAfter.isZero()
                        && !silentMachines.contains(machine)) {
                    repairsDue.putIfAbsent(machine, System.nanoTime() + repairAfter.toNanos());
                }
            }
            for (var due : List.copyOf(repairsDue.entrySet())) {
                if (System.nanoTime() >= due.getValue()) {
                    repairsDue.remove(due.getKey());
                    shop.repair("repair-" + run + "-" + due.getKey() + "-" + (++repairs), due.getKey());
                    out.printf("demo: technician power-cycles %s (taken out by the supervisor)%n", due.getKey());
                }
            }
            if (!entries.isEmpty()) {
                cursor = entries.get(entries.size() - 1).path("seq").asLong();
            }
            long terminal = record.terminal();
            boolean done = terminal == orders || System.nanoTime() > deadline;
            // a line when something ended, at most every 5 s, and the last one
            if (terminal != lastTerminal && (done || System.nanoTime() - lastPrint >= TimeUnit.SECONDS.toNanos(5))) {
                lastPrint = System.nanoTime();
                out.printf("demo: %3d s  %d/%d orders ended: %d completed (%d healed), %d failed%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedAt), terminal, orders,
                        record.count("completed"), record.healed(), record.count("failed"));
                out.flush();
                lastTerminal = terminal;
            }
            if (done) {
                break;
            }
            Thread.sleep(1000); // polling cadence of the progress display, not synchronisation
        }
        printSummary(out, record, queries, insightsUrl, log, repairs);
        List<String> stuck = record.orders().stream().filter(o -> !o.terminal()).map(o -> o.id).sorted().toList();
        if (!stuck.isEmpty()) {
            out.printf("demo: %d order(s) did not end within %s: %s%s%n", stuck.size(), wait,
                    String.join(", ", stuck.subList(0, Math.min(5, stuck.size()))), stuck.size() > 5 ? ", ..." : "");
            out.flush();
            return 1;
        }
        return 0;
    }

    private void awaitInitialized(BrokerQueries queries, List<String> inits) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        for (String chain : inits) {
            while (queries.events(Map.of("correlationid", chain, "type", "coffee.machine.initialization-completed"),
                    0, 1).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new CliException("machine initialization " + chain + " did not complete within 120 s"
                            + " (see the coffee-machine log)");
                }
                Thread.sleep(250); // polling the event log
            }
        }
    }

    private void printSummary(PrintWriter out, ShopRecord record, BrokerQueries queries, URI insightsUrl,
            List<JsonNode> log, int repairs) {
        out.println();
        out.println("=== summary ===");
        out.printf("orders     %d placed: %d completed (%d healed: completed after a retry), %d failed, %d not ended%n",
                orders, record.count("completed"), record.healed(), record.count("failed"), orders - record.terminal());
        out.printf("brews      %d (brew-started of these orders)%n", record.brews());
        out.printf("repairs    %d (machines the supervisor took out, power-cycled by the demo's technician)%n", repairs);
        out.printf("chain      p50 %s   p99 %s   (order placed → completed or failed)%n",
                seconds(record.chainDuration(50)), seconds(record.chainDuration(99)));
        out.printf("settings   %d machine(s), failure rate %s, brew %s, brew timeout %s%s%n", machines, failureRate,
                brewDuration, brewTimeout, silentMachines.isEmpty() ? "" : ", silent " + String.join(",", silentMachines));
        if (insightsUrl != null) {
            printInsights(out, insightsUrl);
        }
        Optional<ShopRecord.Order> healed = record.orders().stream().filter(ShopRecord.Order::healed)
                .max(Comparator.comparingInt((ShopRecord.Order o) -> o.retries).thenComparing(o -> o.id));
        if (healed.isPresent()) {
            ShopRecord.Order order = healed.get();
            out.printf("%none healed chain (%s, %d retr%s; the events of the order's chain and every event naming"
                    + " the order, as the barista assigns it in the chain of whatever freed the machine):%n",
                    order.id, order.retries, order.retries == 1 ? "y" : "ies");
            ChainTree.render(order.chain, new ChainReader(queries).read(ShopRecord.storyOf(order, log)))
                    .forEach(out::println);
        } else {
            out.println("\nno healed chain (no order needed a retry)");
        }
        out.flush();
    }

    private static void printInsights(PrintWriter out, URI url) {
        JsonNode insights;
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                out.printf("insights   GET %s answered %d%n", url, response.statusCode());
                return;
            }
            insights = JSON.readTree(response.body());
        } catch (IOException e) {
            out.printf("insights   GET %s failed: %s%n", url, e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        out.println();
        out.println("per machine (insights)");
        out.printf("  %-8s %6s %9s %6s %9s %8s %10s%n", "machine", "brews", "succeeded", "failed", "timed out",
                "failure", "brew p50");
        insights.path("machines").fields().forEachRemaining(machine -> {
            JsonNode m = machine.getValue();
            out.printf(Locale.ROOT, "  %-8s %6d %9d %6d %9d %7.0f%% %9.1fs%n", machine.getKey(), m.path("brews").asInt(),
                    m.path("succeeded").asInt(), m.path("failed").asInt(), m.path("timedOut").asInt(),
                    m.path("failureRate").asDouble() * 100, m.path("brewTime").path("p50Seconds").asDouble());
        });
        JsonNode ordersNode = insights.path("orders");
        out.printf("  orders: %d accepted, %d completed, %d failed, %d retries%n", ordersNode.path("accepted").asInt(),
                ordersNode.path("completed").asInt(), ordersNode.path("failed").asInt(), ordersNode.path("retries").asInt());
    }

    private static String seconds(Duration duration) {
        return duration == null ? "-" : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}

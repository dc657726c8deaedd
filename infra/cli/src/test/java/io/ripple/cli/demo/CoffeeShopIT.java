package io.ripple.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ripple.cli.BrokerQueries;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coffee shop end to end on the local runtime: the real CLI runs `ripple up` on
 * knative/base (broker, four actors, insights, hardware simulator, timer service, all real
 * processes); the simulator fails brews and never answers for m3; orders come in as
 * CloudEvents over HTTP, as from any outside producer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoffeeShopIT {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final int ORDERS = 10;
    static final List<String> MACHINES = List.of("m1", "m2", "m3", "m4", "m5", "m6");
    static final String SILENT = "m3";
    /**
     * The simulator's seed, new each run (printed when orders stay open; -Dcoffee-shop.seed sets
     * it). A brew's outcome is a function of the seed and the brew's event id, and event
     * ids are deterministic (derived from the commands that caused them), so with a fixed seed a
     * common interleaving drew the same outcomes run after run: one drew 12 failures in 20 brews
     * and retired every working machine of four.
     */
    static final long SEED = Long.getLong("coffee-shop.seed", new java.util.SplittableRandom().nextLong(1, 1_000_000));
    /** First brew plus the two retries of the supervisor's retry-failed-brew policy. */
    static final int MAX_ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERVING = Pattern.compile("every Service answers at (http://127\\.0\\.0\\.1:\\d+)/");

    @TempDir
    static Path data;

    private Process up;
    private Path output;
    private BrokerQueries broker;
    private URI serving;
    private URI ingress;
    private final Map<String, String> chains = new LinkedHashMap<>();

    @BeforeAll
    void startTheShopAndPlaceOrders() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        output = data.resolve("up.out");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "infra/cli/target/ripple-cli.jar", "up", "--port", Integer.toString(port),
                "--manifests", ROOT.resolve("knative/base").toString(), "--data-dir", data.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        // Functions inherit ripple up's environment: a flaky, fast hardware and a short brew timeout.
        builder.environment().putAll(Map.of("RIPPLE_SIMULATOR_FAILURE_RATE", "0.3", "RIPPLE_SIMULATOR_SEED", Long.toString(SEED),
                "RIPPLE_SIMULATOR_BREW_DURATION", "PT0.5S", "RIPPLE_SIMULATOR_SILENT_MACHINES", SILENT,
                "RIPPLE_COFFEE_MACHINE_BREW_TIMEOUT", "5s"));
        up = builder.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> SERVING.matcher(read()).find());
        Matcher url = SERVING.matcher(read());
        assertThat(url.find()).isTrue();
        serving = URI.create(url.group(1));
        ingress = URI.create("http://127.0.0.1:" + port + "/ripple/default");
        broker = new BrokerQueries(URI.create("http://127.0.0.1:" + port));

        // Start the simulator first (scale from zero): a cold start slower than the brew
        // timeout would time out brews of machines that are fine.
        HttpResponse<String> simulator = getFromService("/hardware-simulator/simulator", Duration.ofSeconds(90));
        assertThat(simulator.statusCode()).as(simulator.body()).isEqualTo(200);
        ShopClient shop = new ShopClient(ingress);
        // Six machines, one silent. With three, and once with four, the working ones were all
        // out of rotation at once (retire-flaky-machine takes one out at its 4th failed brew in 10
        // minutes, brews fail at 30 % here; reset-silent-machine at its 2nd timeout): an order
        // retried off the silent machine then went back to it, and after that rightly waits for
        // its 10-minute serve deadline, longer than this test waits. Spread over five working
        // machines, a run's 12-20 brews leave each too few to fail four times.
        for (String machine : MACHINES) {
            shop.initialize("init-" + machine, machine);
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> types("coffee.barista.machine-status-updated").stream()
                .map(e -> e.path("data").path("machine").asText()).collect(Collectors.toSet()),
                machines -> machines.containsAll(MACHINES));
        for (int i = 1; i <= ORDERS; i++) {
            String order = "order-" + i;
            shop.place("place-" + i, order, DemoCommand.MENU.get(i % DemoCommand.MENU.size()), "c" + i);
            chains.put(order, "place-" + i);
        }
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (up != null && up.isAlive()) {
            up.destroy(); // SIGTERM runs the shutdown hook, which stops every function
            if (!up.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                up.destroyForcibly();
            }
        }
    }

    private String read() throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    /**
     * Why orders are still open (this test has failed now and then on a loaded CI machine): each
     * one's story from the log, the dead letters and the triggers' lag; the function and broker
     * logs are kept under target/coffee-shop-it/.
     */
    private String openOrders() throws IOException {
        List<JsonNode> log = broker.events(Map.of(), 0, 0);
        StringBuilder text = new StringBuilder("orders still open (simulator seed " + SEED
                + "; -Dcoffee-shop.seed=" + SEED + " draws the same outcomes for the same brews):\n");
        // An order waits when no machine can take it: the simulator's figures, each machine's status
        // and each brew's path say why (first, as CI keeps only the start of a long message).
        text.append("simulator: ").append(simulatorStats()).append('\n').append(machineStatuses(log))
                .append(brewPaths(log));
        for (ShopRecord.Order order : record().orders()) {
            if (!order.terminal()) {
                text.append(order.id).append(" (").append(order.outcome).append("):\n");
                for (JsonNode entry : ShopRecord.storyOf(order, log)) {
                    JsonNode event = entry.path("event");
                    text.append("  ").append(entry.path("arrivalTime").asText()).append(' ')
                            .append(event.path("type").asText()).append(' ').append(event.path("subject").asText())
                            .append(' ').append(event.path("data")).append('\n');
                }
            }
        }
        text.append("dead letters: ").append(broker.get("/api/v1/dead-letters", Map.of())).append('\n');
        text.append("triggers:");
        for (JsonNode trigger : broker.get("/api/v1/triggers", Map.of()).path("items")) {
            text.append(' ').append(trigger.path("name").asText()).append(" lag ").append(trigger.path("lag").asText())
                    .append(" in flight ").append(trigger.path("inFlight").asText()).append(',');
        }
        text.append('\n');
        Path kept = ROOT.resolve("infra/cli/target/coffee-shop-it");
        Files.createDirectories(kept);
        try (var files = Files.walk(data)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".out")).toList()) {
                Files.copy(file, kept.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return text.append("logs: ").append(kept).toString();
    }

    /** Each brew: when the broker delivered it to the hardware simulator, and when the hardware answered. */
    private String brewPaths(List<JsonNode> log) {
        StringBuilder text = new StringBuilder("brews (started → delivered to the simulator → hardware answered):\n");
        Map<String, String> answered = new HashMap<>();
        for (JsonNode entry : log) {
            JsonNode event = entry.path("event");
            if (event.path("type").asText().equals("coffee.machine.finish-brewing")) {
                answered.put(event.path("causationid").asText(), clock(entry.path("arrivalTime").asText()) + " "
                        + event.path("data").path("outcome").asText());
            }
        }
        for (JsonNode entry : log) {
            JsonNode event = entry.path("event");
            if (!event.path("type").asText().equals("coffee.machine.brew-started")) {
                continue;
            }
            String id = event.path("id").asText();
            String delivered = "not delivered";
            for (JsonNode delivery : broker.get("/api/v1/events/" + id + "/deliveries", Map.of()).path("items")) {
                if (delivery.path("trigger").asText().endsWith("/hardware-simulator")) {
                    delivered = delivery.path("outcome").asText() + " " + delivery.path("statusCode").asText() + " at "
                            + clock(delivery.path("finishedAt").asText()) + " (" + delivery.path("attempts").asText()
                            + " attempt(s))";
                }
            }
            text.append("  ").append(clock(entry.path("arrivalTime").asText())).append(' ')
                    .append(event.path("subject").asText()).append(' ').append(order(event)).append(" → ")
                    .append(delivered).append(" → ").append(answered.getOrDefault(id, "no answer")).append('\n');
        }
        return text.toString();
    }

    /** Each machine's status as the barista saw it, in one line. */
    private static String machineStatuses(List<JsonNode> log) {
        Map<String, StringBuilder> lines = new TreeMap<>();
        for (JsonNode entry : log) {
            JsonNode event = entry.path("event");
            if (event.path("type").asText().equals("coffee.barista.machine-status-updated")) {
                JsonNode data = event.path("data");
                lines.computeIfAbsent(data.path("machine").asText(), m -> new StringBuilder()).append(' ')
                        .append(clock(entry.path("arrivalTime").asText())).append(' ').append(data.path("status").asText())
                        .append(data.path("inRotation").asBoolean() ? "" : "/out").append(',');
            }
        }
        StringBuilder text = new StringBuilder("machines (barista's view):\n");
        lines.forEach((machine, line) -> text.append("  ").append(machine).append(':').append(line).append('\n'));
        return text.toString();
    }

    private String simulatorStats() {
        try {
            return getFromService("/hardware-simulator/simulator", Duration.ofSeconds(10)).body();
        } catch (IOException | InterruptedException e) {
            return "unavailable (" + e + ")";
        }
    }

    /** GETs a path of a Service through ripple up's serving emulator (scaling it from zero if need be). */
    private HttpResponse<String> getFromService(String path, Duration timeout) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(serving.resolve(path)).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The time of day of an ISO instant, to the millisecond. */
    private static String clock(String instant) {
        return instant.length() >= 23 ? instant.substring(11, 23) : instant;
    }

    private List<JsonNode> types(String type) {
        return broker.events(Map.of("type", type), 0, 0).stream().map(entry -> entry.path("event")).toList();
    }

    private static String order(JsonNode event) {
        return event.path("data").path("order").asText(null);
    }

    private ShopRecord record() {
        ShopRecord record = new ShopRecord(chains);
        record.add(broker.events(Map.of(), 0, 0));
        return record;
    }

    @Test
    @Order(1)
    void withFailuresInjectedEveryOrderEnds() throws IOException {
        ShopRecord record;
        try {
            record = await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                    .until(this::record, r -> r.terminal() == ORDERS);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(openOrders(), e);
        }

        assertThat(record.count("completed") + record.count("failed")).isEqualTo(ORDERS);
        assertThat(record.healed()).as("some order completed after a retry").isPositive();
        // Each brew fails at 30 %, decided by its id, and which brews exist depends on which machine
        // took which order: a few runs in a hundred draw no failure among their 10–13 brews. Such a
        // run did not exercise a failed brew (the silent machine's timeouts still did a retry), so
        // it reports this test as skipped rather than passed or failed.
        assumeTrue(types("coffee.machine.brewing-finished").stream()
                .anyMatch(e -> e.path("data").path("outcome").asText().equals("failed")),
                "the simulator failed no brew in this run (30 % per brew), so no failed brew was retried");
    }

    @Test
    @Order(2)
    void everyBrewIsOneAttemptThatEndedNoneIsDuplicatedByRedelivery() {
        List<JsonNode> started = types("coffee.machine.brew-started").stream().filter(e -> chains.containsKey(order(e))).toList();
        // An attempt ends once: finished (ok or failed) or timed out.
        await().atMost(Duration.ofSeconds(30)).until(() -> types("coffee.machine.brewing-finished").stream()
                .filter(e -> chains.containsKey(order(e))).count()
                + types("coffee.machine.brewing-timed-out").stream().filter(e -> chains.containsKey(order(e))).count(),
                ended -> ended == started.size());
        ShopRecord record = record();
        long okBrews = types("coffee.machine.brewing-finished").stream().filter(e -> chains.containsKey(order(e)))
                .filter(e -> e.path("data").path("outcome").asText().equals("ok")).count();

        assertThat(started).extracting(e -> e.path("id").asText()).doesNotHaveDuplicates();
        assertThat(okBrews).as("one good brew per completed order").isEqualTo(record.count("completed"));
        assertThat(started.size()).as("brews = completed + failed attempts")
                .isEqualTo(record.count("completed") + (started.size() - okBrews));
        // each order gets at most 1 + 2 retries (retry-failed-brew: max 2)
        Map<String, Long> perOrder = started.stream().collect(Collectors.groupingBy(CoffeeShopIT::order, Collectors.counting()));
        assertThat(perOrder.values()).allMatch(n -> n <= MAX_ATTEMPTS);
    }

    @Test
    @Order(3)
    void aSilentMachineIsTakenOutAndItsOrderCompletesElsewhere() {
        // (on a loaded machine a slow answer may time out elsewhere too: only the silent one is sure)
        List<JsonNode> timedOut = types("coffee.machine.brewing-timed-out").stream()
                .filter(e -> e.path("subject").asText().equals(SILENT)).toList();
        assertThat(timedOut).as("the silent machine's brew timer fired").isNotEmpty();
        assertThat(types("coffee.barista.machine-status-updated")).as("the barista took it out of rotation")
                .anyMatch(e -> e.path("data").path("machine").asText().equals(SILENT)
                        && e.path("data").path("status").asText().equals("FAULTY"));
        Map<String, String> completedOn = types("coffee.machine.brewing-finished").stream()
                .filter(e -> e.path("data").path("outcome").asText().equals("ok"))
                .collect(Collectors.toMap(CoffeeShopIT::order, e -> e.path("subject").asText(), (a, b) -> a));
        List<JsonNode> brews = types("coffee.machine.brew-started");
        ShopRecord record = record();
        for (JsonNode timeout : timedOut) {
            String order = order(timeout);
            java.time.Instant timedOutAt = java.time.Instant.parse(timeout.path("time").asText());
            long attemptsBefore = brews.stream().filter(b -> order.equals(order(b)))
                    .filter(b -> !java.time.Instant.parse(b.path("time").asText()).isAfter(timedOutAt)).count();
            List<String> machinesAfter = brews.stream().filter(b -> order.equals(order(b)))
                    .filter(b -> java.time.Instant.parse(b.path("time").asText()).isAfter(timedOutAt))
                    .map(b -> b.path("subject").asText()).toList();
            assertThat(record.orders()).filteredOn(o -> o.id.equals(order)).allMatch(ShopRecord.Order::terminal);
            if (attemptsBefore >= MAX_ATTEMPTS) {
                // The timeout was the order's last allowed attempt (brews fail at 30 % here, so two
                // earlier ones may have failed): the supervisor gives it up instead of retrying.
                assertThat(machinesAfter).as(order + " not brewed after its last attempt").isEmpty();
                assertThat(types("coffee.supervisor.order-given-up")).as(order + " given up")
                        .anyMatch(e -> order.equals(order(e)));
                continue;
            }
            // the retry went to another machine; the order then completed there, or failed
            // its remaining attempts and was given up: never stuck
            assertThat(machinesAfter).as(order + " brewed again elsewhere").isNotEmpty().first().isNotEqualTo(SILENT);
            if (completedOn.containsKey(order)) {
                assertThat(completedOn.get(order)).as(order + " completed on another machine").isNotEqualTo(SILENT);
            }
        }
    }

    @Test
    @Order(4)
    void insightsFiguresEqualThoseRecomputedFromTheEventLog() {
        Map<String, Map<String, Integer>> expected = new TreeMap<>();
        for (JsonNode e : types("coffee.machine.brew-started")) {
            machine(expected, e).merge("brews", 1, Integer::sum);
        }
        for (JsonNode e : types("coffee.machine.brewing-finished")) {
            machine(expected, e).merge(e.path("data").path("outcome").asText().equals("ok") ? "succeeded" : "failed", 1,
                    Integer::sum);
        }
        for (JsonNode e : types("coffee.machine.brewing-timed-out")) {
            machine(expected, e).merge("timedOut", 1, Integer::sum);
        }
        Map<String, Integer> orders = Map.of("accepted", types("coffee.order.accepted").size(),
                "completed", types("coffee.order.completed").size(), "failed", types("coffee.order.failed").size(),
                "retries", types("coffee.supervisor.order-retry-requested").size());

        // insights' Trigger is unordered and its deliveries may trail the log a little
        JsonNode insights = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(this::insights, json -> machinesOf(json).equals(expected) && ordersOf(json).equals(orders));
        assertThat(machinesOf(insights)).isEqualTo(expected);
        assertThat(ordersOf(insights)).isEqualTo(orders);
    }

    @Test
    @Order(5)
    void aCommandTheMachineRefusesIsDeadLetteredToTheSupervisorWhichRaisesAnAlert() throws Exception {
        // a brew without recipe: the coffee machine answers 400, which the broker does not retry
        io.cloudevents.CloudEvent bad = io.cloudevents.core.builder.CloudEventBuilder.v1().withId("bad-brew")
                .withSource(URI.create("/tests")).withType("coffee.machine.brew").withSubject("m1")
                .withExtension("partitionkey", "coffee-machine/m1").withExtension("correlationid", "bad-brew")
                .withData("application/json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(ingress);
        byte[][] body = new byte[1][];
        io.cloudevents.http.HttpMessageFactory.createWriter(request::header, bytes -> body[0] = bytes).writeBinary(bad);
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(
                request.POST(HttpRequest.BodyPublishers.ofByteArray(body[0])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);

        JsonNode alert = await().atMost(Duration.ofSeconds(60)).until(() -> broker.events(
                Map.of("correlationid", "bad-brew", "type", "coffee.supervisor.alert-raised"), 0, 0),
                alerts -> !alerts.isEmpty()).get(0).path("event");
        assertThat(alert.path("source").asText()).isEqualTo("/actors/supervisor/shop");
        assertThat(alert.path("data").path("policy").asText()).isEqualTo("alert-on-dead-letter");
        assertThat(alert.path("data").path("key").asText()).isEqualTo("coffee.machine.brew");
        assertThat(alert.path("data").path("reason").asText()).contains("recipe is required");
    }

    @Test
    @Order(6)
    void theTimerServiceNeverGoesBelowMinScaleOne() {
        // It has been running since ripple up started (the timers above fired with no delivery to it).
        List<ProcessHandle> timers = timerServices();
        assertThat(timers).hasSize(1);

        timers.get(0).destroyForcibly();

        await().atMost(Duration.ofSeconds(60)).until(() -> timerServices().stream()
                .anyMatch(p -> p.pid() != timers.get(0).pid() && p.isAlive()));
    }

    private List<ProcessHandle> timerServices() {
        return up.descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("timer-service/target/quarkus-app")).toList();
    }

    private static Map<String, Integer> machine(Map<String, Map<String, Integer>> all, JsonNode event) {
        return all.computeIfAbsent(event.path("subject").asText(), m -> new TreeMap<>(Map.of("brews", 0,
                "succeeded", 0, "failed", 0, "timedOut", 0)));
    }

    private static Map<String, Map<String, Integer>> machinesOf(JsonNode insights) {
        Map<String, Map<String, Integer>> machines = new TreeMap<>();
        insights.path("machines").fields().forEachRemaining(m -> {
            Map<String, Integer> figures = new TreeMap<>();
            for (String name : List.of("brews", "succeeded", "failed", "timedOut")) {
                figures.put(name, m.getValue().path(name).asInt());
            }
            machines.put(m.getKey(), figures);
        });
        return machines;
    }

    private static Map<String, Integer> ordersOf(JsonNode insights) {
        Map<String, Integer> orders = new HashMap<>();
        for (String name : List.of("accepted", "completed", "failed", "retries")) {
            orders.put(name, insights.path("orders").path(name).asInt());
        }
        return orders;
    }

    private JsonNode insights() throws Exception {
        HttpResponse<String> response = getFromService("/insights/insights", Duration.ofSeconds(60));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}

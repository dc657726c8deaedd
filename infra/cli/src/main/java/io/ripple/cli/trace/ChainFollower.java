package io.ripple.cli.trace;

import io.ripple.cli.BrokerQueries;
import io.ripple.cli.CliException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Waits until a chain is quiet — no new event and no new delivery outcome for a while, and
 * no trigger with deliveries pending — then prints it. Polls the broker's log; a chain has no natural end to wait on.
 */
public final class ChainFollower {

    private final ChainReader reader;
    private final BrokerQueries broker;
    private final PrintWriter out;

    public ChainFollower(URI brokerBase, PrintWriter out) {
        this.broker = new BrokerQueries(brokerBase);
        this.reader = new ChainReader(broker);
        this.out = out;
    }

    /** No trigger has an event still to deliver (a cold start or a retry keeps the chain open). */
    private boolean brokerIdle() {
        for (com.fasterxml.jackson.databind.JsonNode trigger : broker.get("/api/v1/triggers", java.util.Map.of()).path("items")) {
            if (trigger.path("lag").asLong() > 0 || trigger.path("inFlight").asLong() > 0) {
                return false;
            }
        }
        return true;
    }

    /** @return 0 when the chain went quiet and nothing was dead-lettered, 1 otherwise */
    public int follow(String chain, Duration quietFor, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastSeen = "";
        long quietSince = System.nanoTime();
        List<TracedEvent> events = List.of();
        while (System.nanoTime() < deadline) {
            events = reader.read(chain);
            String seen = fingerprint(events);
            if (!seen.equals(lastSeen)) {
                lastSeen = seen;
                quietSince = System.nanoTime();
            } else if (!events.isEmpty() && System.nanoTime() - quietSince >= quietFor.toNanos() && brokerIdle()) {
                return print(chain, events);
            }
            Thread.sleep(200);
        }
        print(chain, events);
        throw new CliException("chain " + chain + " was still moving after " + timeout.toSeconds() + " s");
    }

    private int print(String chain, List<TracedEvent> events) {
        ChainTree.render(chain, events).forEach(out::println);
        out.flush();
        return events.stream().flatMap(e -> e.deliveries().stream()).anyMatch(d -> d.outcome().startsWith("dead-letter"))
                ? 1 : 0;
    }

    private static String fingerprint(List<TracedEvent> events) {
        StringBuilder text = new StringBuilder();
        events.forEach(e -> text.append(e.id()).append(':').append(e.deliveries().size()).append(';'));
        return text.toString();
    }
}

package io.ripple.cli.log;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.cli.BrokerOption;
import io.ripple.cli.BrokerQueries;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "log", mixinStandardHelpOptions = true,
        description = {"Print the broker's event log, oldest first, one event per line; --follow keeps printing",
                "new events as they arrive (Ctrl-C stops)."})
public class LogCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BrokerOption broker;

    @Option(names = "--type", description = "only events of this type")
    String type;

    @Option(names = "--subject", description = "only events with this subject (actor id)")
    String subject;

    @Option(names = "--chain", description = "only events with this correlationid")
    String chain;

    @Option(names = "--limit", defaultValue = "100", description = "at most this many past events (default: ${DEFAULT-VALUE}; 0 = all)")
    int limit;

    @Option(names = {"-f", "--follow"}, description = "keep printing new events")
    boolean follow;

    @Override
    public Integer call() throws InterruptedException {
        BrokerQueries queries = new BrokerQueries(broker.base());
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("type", type);
        filters.put("subject", subject);
        filters.put("correlationid", chain);
        PrintWriter out = spec.commandLine().getOut();
        List<JsonNode> past = queries.events(filters, 0, 0);
        long after = 0;
        int skip = limit > 0 ? Math.max(0, past.size() - limit) : 0;
        for (JsonNode entry : past.subList(skip, past.size())) {
            out.println(line(entry));
        }
        if (!past.isEmpty()) {
            after = past.get(past.size() - 1).path("seq").asLong();
        }
        out.flush();
        while (follow) {
            Thread.sleep(300);
            for (JsonNode entry : queries.events(filters, after, 0)) {
                out.println(line(entry));
                after = entry.path("seq").asLong();
            }
            out.flush();
        }
        return 0;
    }

    /** {@code time  type  subject  source  id  chain}. */
    static String line(JsonNode entry) {
        JsonNode event = entry.path("event");
        return String.format("%s  %-42s %-18s %-34s %s  chain=%s", entry.path("arrivalTime").asText(),
                event.path("type").asText(), event.path("subject").asText("-"), event.path("source").asText(),
                event.path("id").asText(), event.path("correlationid").asText("-"));
    }
}

package io.ripple.cli.trace;

import com.fasterxml.jackson.databind.JsonNode;
import io.ripple.cli.ZipkinLocation;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import io.ripple.cli.BrokerOption;
import io.ripple.cli.BrokerQueries;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Print one chain (all events with a correlationid) as a tree by causationid: type, actor,",
                "subject, time offset, what each consumer did (delivered, retried n times, dead-lettered with",
                "code), and the chain's total duration. Exit 1 when an event of the chain was dead-lettered."})
public class TraceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BrokerOption broker;

    @Parameters(index = "0", paramLabel = "CORRELATIONID", description = "the chain id (the first command's id)")
    String chain;

    @Option(names = "--zipkin", defaultValue = "${env:RIPPLE_ZIPKIN:-}", description = {"Zipkin base URL for the trace link",
            "(default: $RIPPLE_ZIPKIN, else the one `ripple up --tracing` runs)"})
    String zipkin;

    @Option(names = "--data-dir", defaultValue = ".ripple", description = "ripple up's data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Override
    public Integer call() {
        BrokerQueries queries = new BrokerQueries(broker.base());
        List<TracedEvent> events = new ChainReader(queries).read(chain);
        ChainTree.render(chain, events).forEach(spec.commandLine().getOut()::println);
        ZipkinLocation.find(zipkin, dataDir).ifPresent(url -> traceId(queries).ifPresent(id ->
                spec.commandLine().getOut().println("zipkin: " + url + "/zipkin/traces/" + id)));
        boolean deadLettered = events.stream().flatMap(e -> e.deliveries().stream())
                .anyMatch(d -> d.outcome().startsWith("dead-letter"));
        return events.isEmpty() || deadLettered ? 1 : 0;
    }

    /** The chain's trace id: from the {@code traceparent} of its first event in the broker's log. */
    private Optional<String> traceId(BrokerQueries queries) {
        for (JsonNode entry : queries.events(Map.of("correlationid", chain), 0, 0)) {
            Optional<String> id = ZipkinLocation.traceIdOf(entry.path("event").path("traceparent").asText(null));
            if (id.isPresent()) {
                return id;
            }
        }
        return Optional.empty();
    }
}

package io.ripple.cli.trace;

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

    @Override
    public Integer call() {
        List<TracedEvent> events = new ChainReader(new BrokerQueries(broker.base())).read(chain);
        ChainTree.render(chain, events).forEach(spec.commandLine().getOut()::println);
        boolean deadLettered = events.stream().flatMap(e -> e.deliveries().stream())
                .anyMatch(d -> d.outcome().startsWith("dead-letter"));
        return events.isEmpty() || deadLettered ? 1 : 0;
    }
}

package io.ripple.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cloudevents.CloudEvent;
import io.ripple.runtime.ActorDefinition;
import io.ripple.runtime.internal.CloudEventCodec;
import io.ripple.runtime.internal.CommandProcessor;
import io.ripple.runtime.internal.IncomingCommand;
import io.ripple.runtime.internal.ProcessingResult;
import io.ripple.runtime.store.EventStore;
import io.ripple.runtime.store.StreamId;
import io.ripple.runtime.store.internal.InMemoryEventStore;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs scenario files through the runtime's real command path (codec, processor, store)
 * in memory, as JUnit dynamic tests:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> scenarios() {
 *     return ScenarioRunner.forActor(CoffeeMachine.DEFINITION).tests(Path.of("src/test/resources/scenarios"));
 * }
 * }</pre>
 *
 * The same files can be replayed against a live function over HTTP by {@code ripple verify}.
 */
public final class ScenarioRunner<C, E, S> {

    private final ActorDefinition<C, E, S> actor;
    private final ObjectMapper mapper;

    private ScenarioRunner(ActorDefinition<C, E, S> actor, ObjectMapper mapper) {
        this.actor = actor;
        this.mapper = mapper;
    }

    public static <C, E, S> ScenarioRunner<C, E, S> forActor(ActorDefinition<C, E, S> actor) {
        return new ScenarioRunner<>(actor, defaultMapper());
    }

    /** A mapper configured like Quarkus configures its own, so records bind the same way. */
    public static ObjectMapper defaultMapper() {
        return new ObjectMapper().findAndRegisterModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** One dynamic test per scenario file below {@code directory}. */
    public Stream<DynamicTest> tests(Path directory) {
        return new ScenarioFiles(mapper).readAll(directory).stream()
                .map(s -> DynamicTest.dynamicTest(s.file().getFileName() + ": " + s.description(), () -> run(s)));
    }

    /** Runs one scenario and asserts its expectations. */
    public void run(Scenario scenario) {
        EventStore store = new InMemoryEventStore();
        CloudEventCodec<C, E, S> codec = new CloudEventCodec<>(actor, mapper);
        CommandProcessor<C, E, S> processor = new CommandProcessor<>(actor, codec, store,
                () -> OffsetDateTime.of(2026, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC), 1);
        for (CloudEvent earlier : scenario.given()) {
            if (actor.commandClass(earlier.getType()).isPresent()) {
                processor.process(IncomingCommand.of(earlier, mapper));
            } else if (actor.eventClass(earlier.getType()).isPresent()) {
                StreamId stream = new StreamId(actor.name(), subjectOf(scenario, earlier));
                store.append(stream, store.load(stream).version(), "given:" + earlier.getId(), List.of(earlier));
            } else {
                throw new AssertionError(scenario.file() + ": given event type " + earlier.getType()
                        + " is neither a command nor an event of " + actor.name());
            }
        }
        ProcessingResult result = processor.process(IncomingCommand.of(scenario.when(), mapper));
        List<String> problems = ScenarioExpectations.mismatches(scenario.then(), result.events(), mapper);
        assertThat(problems).as("%s: emitted events against 'then'", scenario.file()).isEmpty();
    }

    private static String subjectOf(Scenario scenario, CloudEvent event) {
        if (event.getSubject() == null) {
            throw new AssertionError(scenario.file() + ": given event " + event.getId() + " has no subject");
        }
        return event.getSubject();
    }
}

package io.ripple.cli.emit;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import io.ripple.cli.BrokerOption;
import io.ripple.cli.ZipkinLocation;
import io.ripple.cli.CliException;
import io.ripple.cli.trace.ChainFollower;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "emit", mixinStandardHelpOptions = true,
        description = {"Send one CloudEvent to the broker, as an external system would (like `kn event send`).",
                "Prints the event id; with --follow, waits until the chain it started is quiet and prints it."})
public class EmitCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    BrokerOption broker;

    @Option(names = "--type", required = true, description = "CloudEvent type, e.g. coffee.machine.brew")
    String type;

    @Option(names = "--subject", description = "the actor id the command is for, e.g. machine-1")
    String subject;

    @Option(names = "--source", defaultValue = "/ripple/cli", description = "source URI (default: ${DEFAULT-VALUE})")
    URI source;

    @Option(names = "--id", description = "event id (default: a new UUID)")
    String id;

    @Option(names = "--data", defaultValue = "{}", description = "JSON data, or @file to read it from a file (default: {})")
    String data;

    @Option(names = "--ext", description = {"extension attribute key=value, repeatable (e.g. --ext correlationid=order-7);",
            "correlationid defaults to the event id (a new chain), partitionkey to the subject"})
    Map<String, String> extensions = new LinkedHashMap<>();

    @Option(names = "--follow", description = "wait until the chain is quiet, then print it as `ripple trace` does")
    boolean follow;

    @Option(names = "--quiet-for", defaultValue = "2s", description = "with --follow: how long without new events counts as quiet (default: ${DEFAULT-VALUE})")
    Duration quietFor;

    @Option(names = "--timeout", defaultValue = "60s", description = "with --follow: give up after (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--zipkin", defaultValue = "${env:RIPPLE_ZIPKIN:-}", description = {"Zipkin base URL to record the",
            "emit span in (default: $RIPPLE_ZIPKIN, else the one `ripple up --tracing` runs)"})
    String zipkin;

    @Option(names = "--data-dir", defaultValue = ".ripple", description = "ripple up's data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        byte[] payload = readData();
        String eventId = id == null ? UUID.randomUUID().toString() : id;
        CloudEventBuilder builder = CloudEventBuilder.v1().withId(eventId).withSource(source).withType(type)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC)).withDataContentType("application/json").withData(payload);
        if (subject != null) {
            builder.withSubject(subject);
        }
        // The wire contract: a chain is named by its first command's id, carried as correlationid.
        builder.withExtension("correlationid", extensions.getOrDefault("correlationid", eventId));
        if (subject != null && !extensions.containsKey("partitionkey")) {
            // Ordered triggers serialize per partitionkey; keying by the addressed actor's id keeps its
            // commands in order without holding up other actors' (set --ext partitionkey= to override).
            builder.withExtension("partitionkey", subject);
        }
        for (Map.Entry<String, String> extension : extensions.entrySet()) {
            if (!extension.getKey().matches("[a-z0-9]{1,20}")) {
                throw new CliException("--ext " + extension.getKey() + ": CloudEvents extension names are lower-case letters and digits");
            }
            builder.withExtension(extension.getKey(), extension.getValue());
        }
        // The trace starts here: this emit is the external producer's root span (W3C trace context).
        EmitSpan span = extensions.containsKey("traceparent") ? null : EmitSpan.start(type, eventId);
        if (span != null) {
            builder.withExtension("traceparent", span.traceparent());
        }
        CloudEvent event = builder.build();
        HttpResponse<String> response = post(event);
        if (span != null) {
            ZipkinLocation.find(zipkin, dataDir).ifPresent(url -> span.report(url, subject, event.getExtension("correlationid"),
                    response.statusCode(), spec.commandLine().getErr()));
        }
        if (response.statusCode() / 100 != 2) {
            throw new CliException("the broker at " + broker.broker + " refused the event with " + response.statusCode()
                    + ": " + response.body());
        }
        spec.commandLine().getOut().println(eventId);
        spec.commandLine().getOut().flush();
        if (follow) {
            String chain = extensions.getOrDefault("correlationid", eventId);
            return new ChainFollower(broker.base(), spec.commandLine().getOut()).follow(chain, quietFor, timeout);
        }
        return 0;
    }

    private byte[] readData() throws IOException {
        String text = data.startsWith("@") ? readFile(data.substring(1)) : data;
        try {
            JSON.readTree(text);
        } catch (IOException e) {
            throw new CliException("--data is not JSON: " + e.getMessage().split("\n")[0]);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String readFile(String name) {
        try {
            return Files.readString(Path.of(name));
        } catch (NoSuchFileException e) {
            throw new CliException("--data @" + name + ": no such file");
        } catch (CharacterCodingException e) {
            throw new CliException("--data @" + name + ": not UTF-8 text (JSON data is)");
        } catch (IOException e) {
            throw new CliException("--data @" + name + ": cannot be read: " + e.getMessage());
        }
    }

    private HttpResponse<String> post(CloudEvent event) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(broker.broker).timeout(Duration.ofSeconds(30));
        byte[][] body = new byte[1][];
        HttpMessageFactory.createWriter(request::header, bytes -> body[0] = bytes).writeBinary(event);
        Object traceparent = event.getExtension("traceparent");
        if (traceparent != null) {
            // W3C trace context as the HTTP header too, next to ce-traceparent.
            request.header("traceparent", traceparent.toString());
        }
        request.POST(HttpRequest.BodyPublishers.ofByteArray(body[0] == null ? new byte[0] : body[0]));
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliException("cannot reach the broker at " + broker.broker + " (is `ripple up` running?): " + e);
        }
    }
}

package io.ripple.cli.demo;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import io.ripple.cli.CliException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The demo's outside world: operators initializing machines and customers placing orders,
 * each a binary-mode CloudEvent POSTed to the broker ingress, as any external producer would.
 */
final class ShopClient {

    static final String SOURCE = "/ripple/demo";

    private final URI ingress;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ShopClient(URI ingress) {
        this.ingress = ingress;
    }

    /** Initializes machine {@code machine}; returns the command's id (its chain). */
    String initialize(String id, String machine) throws InterruptedException {
        send(command(id, "coffee.machine.initialize", machine, "{}"));
        return id;
    }

    /** Power-cycles machine {@code machine}, as a technician would: power-off, then initialize. */
    void repair(String id, String machine) throws InterruptedException {
        send(command(id + "-off", "coffee.machine.power-off", machine, "{}"));
        send(command(id + "-on", "coffee.machine.initialize", machine, "{}"));
    }

    /** Places order {@code order}; the command's id starts the order's chain. */
    void place(String id, String order, String recipe, String customer) throws InterruptedException {
        send(command(id, "coffee.order.place", order,
                "{\"recipe\":\"" + recipe + "\",\"customer\":\"" + customer + "\"}"));
    }

    private static CloudEvent command(String id, String type, String subject, String json) {
        String actor = type.startsWith("coffee.machine.") ? "coffee-machine" : "order";
        return CloudEventBuilder.v1().withId(id).withSource(URI.create(SOURCE)).withType(type).withSubject(subject)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC)).withExtension("partitionkey", actor + "/" + subject)
                .withExtension("correlationid", id)
                .withData("application/json", json.getBytes(StandardCharsets.UTF_8)).build();
    }

    private void send(CloudEvent event) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(ingress).timeout(Duration.ofSeconds(30));
        byte[][] body = new byte[1][];
        HttpMessageFactory.createWriter(request::header, bytes -> body[0] = bytes).writeBinary(event);
        request.POST(HttpRequest.BodyPublishers.ofByteArray(body[0] == null ? new byte[0] : body[0]));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliException("cannot reach the broker at " + ingress + ": " + e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new CliException("the broker refused " + event.getType() + " " + event.getSubject() + ": HTTP "
                    + response.statusCode() + " " + response.body());
        }
    }
}

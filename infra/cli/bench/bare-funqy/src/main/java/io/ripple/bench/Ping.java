package io.ripple.bench;

import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEventMapping;

/** One function that answers every {@code bench.ping} with a {@code bench.pong} reply event. */
public class Ping {

    public record Pong(String answer) {
    }

    @Funq
    @CloudEventMapping(trigger = "bench.ping", responseType = "bench.pong", responseSource = "bare-funqy")
    public Pong ping(java.util.Map<String, Object> data) {
        return new Pong("pong");
    }
}

package io.ripple.devbroker;

import static io.ripple.devbroker.support.Events.event;
import static io.ripple.devbroker.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.ripple.devbroker.support.BrokerProcess;
import io.ripple.devbroker.support.Events;
import io.ripple.devbroker.support.Subscriber;
import io.ripple.devbroker.support.Subscriber.Received;
import io.ripple.devbroker.support.Subscriber.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The durable log refusing writes, for real: another connection holds SQLite's write lock on the
 * broker's own file (as a backup tool or a {@code sqlite3} shell would). Ingress must answer 503
 * and keep nothing half-stored; a reply that cannot be stored makes the delivery fail and be
 * retried, so the reply is not lost.
 */
class LogBusyIT {

    static Subscriber sink;
    static BrokerProcess broker;
    static final AtomicInteger ASKED = new AtomicInteger();
    static volatile Connection lock;

    @BeforeAll
    static void start() {
        sink = Subscriber.start().respond(LogBusyIT::answer);
        broker = BrokerProcess.with("busy").service("sink", sink.url())
                .property("ripple.broker.log-busy-timeout", "PT0.3S").start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        sink.close();
    }

    @AfterEach
    void unlock() throws SQLException {
        releaseLock();
    }

    /** {@code /ask}: the first time, lock the log and reply (that reply cannot be stored); then unlock and reply again. */
    private static Response answer(Received request) {
        if (!request.path().equals("/ask")) {
            return Response.noContent();
        }
        try {
            if (ASKED.incrementAndGet() == 1) {
                takeLock();
            } else {
                releaseLock();
            }
        } catch (SQLException e) {
            return Response.body(500, "text/plain", "test could not lock the log: " + e.getMessage());
        }
        CloudEvent cause = request.event();
        return Response.reply(CloudEventBuilder.v1().withId(cause.getId() + "~answer")
                .withSource(URI.create("/answerer")).withType("b.answer")
                .withExtension("correlationid", String.valueOf(cause.getExtension("correlationid")))
                .withDataContentType("application/json").withData("{}".getBytes(StandardCharsets.UTF_8)).build());
    }

    @Test
    void ingressAnswers503WhileTheLogCannotBeWrittenAndStoresNothing() throws SQLException {
        CloudEvent refused = event("b.other").withExtension("correlationid", "busy-ingress").build();

        takeLock();
        JsonNode problem = assertProblem(Events.post(broker.ingress(), refused), 503);
        releaseLock();

        assertThat(problem.path("detail").asText()).contains("event log write failed");
        assertThat(broker.getJson("/api/v1/events?correlationid=busy-ingress").path("items")).isEmpty();
        assertThat(Events.post(broker.ingress(), refused).statusCode()).as("the producer's retry").isEqualTo(202);
        assertThat(broker.getJson("/api/v1/events?correlationid=busy-ingress").path("items")).hasSize(1);
    }

    @Test
    void aReplyThatCannotBeStoredIsNotLostTheDeliveryIsRetried() {
        CloudEvent ask = event("b.ask").withExtension("correlationid", "busy-reply").build();

        assertThat(Events.post(broker.ingress(), ask).statusCode()).isEqualTo(202);

        Received answer = await().until(() -> sink.received(r -> r.path().equals("/answers")), l -> !l.isEmpty()).get(0);
        assertThat(answer.event().getId()).isEqualTo(ask.getId() + "~answer");
        assertThat(ASKED.get()).as("one refused reply, one stored").isEqualTo(2);
        JsonNode delivery = await().until(() -> broker.getJson("/api/v1/events/" + ask.getId() + "/deliveries")
                .path("items"), items -> items.size() == 1).get(0);
        assertThat(delivery.path("outcome").asText()).isEqualTo("delivered");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(2);
        assertThat(broker.getJson("/api/v1/events?correlationid=busy-reply&type=b.answer").path("items"))
                .as("the refused reply left nothing behind").hasSize(1);
        await().until(() -> broker.getJson("/api/v1/triggers").path("items").findValues("lag").stream()
                .allMatch(lag -> lag.asLong() == 0));
    }

    /** SQLite's write lock on the broker's file, held by this test until {@link #releaseLock()}. */
    private static synchronized void takeLock() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + broker.dataDir().resolve("broker.db"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout=10000");
            statement.execute("BEGIN EXCLUSIVE");
        }
        lock = connection;
    }

    private static synchronized void releaseLock() throws SQLException {
        Connection held = lock;
        lock = null;
        if (held != null) {
            try (Statement statement = held.createStatement()) {
                statement.execute("ROLLBACK");
            }
            held.close();
        }
    }
}

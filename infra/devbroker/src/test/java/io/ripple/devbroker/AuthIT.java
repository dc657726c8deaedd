package io.ripple.devbroker;

import static io.ripple.devbroker.support.Events.event;
import static io.ripple.devbroker.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.devbroker.support.BrokerProcess;
import io.ripple.devbroker.support.Events;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Optional bearer tokens at ingress: 401 without a valid token, 403 for a broker the client may not use. */
class AuthIT {

    static BrokerProcess broker;

    @BeforeAll
    static void start() {
        broker = BrokerProcess.with("ingress")
                .service("sink", java.net.URI.create("http://127.0.0.1:1"))
                .property("ripple.broker.auth.admin.token", "admin-secret")
                .property("ripple.broker.auth.limited.token", "limited-secret")
                .property("ripple.broker.auth.limited.brokers", "ripple/other")
                .start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void missingTokenIsRejectedWith401() {
        HttpResponse<String> response = Events.post(broker.ingress(), event("a.none").build());

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
    }

    @Test
    void wrongTokenIsRejectedWith401() {
        assertProblem(Events.post(broker.ingress(), event("a.wrong").build(),
                Map.of("Authorization", "Bearer not-a-token")), 401);
    }

    @Test
    void tokenNotAllowedForTheBrokerIsRejectedWith403() {
        assertProblem(Events.post(broker.ingress(), event("a.limited").build(),
                Map.of("Authorization", "Bearer limited-secret")), 403);
    }

    @Test
    void tokenAllowedForTheBrokerIsAccepted() {
        assertThat(Events.post(broker.url("/ripple/other"), event("a.limited-ok").build(),
                Map.of("Authorization", "Bearer limited-secret")).statusCode()).isEqualTo(202);
        assertThat(Events.post(broker.ingress(), event("a.admin").build(),
                Map.of("Authorization", "Bearer admin-secret")).statusCode()).isEqualTo(202);
    }
}

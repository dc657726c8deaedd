package io.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One readiness probe over real HTTP, as Knative's queue-proxy sends it. */
class ReadinessProbeTest {

    private final List<String> upgrades = new CopyOnWriteArrayList<>();
    private final List<String> protocols = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/q/health/ready", exchange -> {
            protocols.add(exchange.getProtocol());
            String upgrade = exchange.getRequestHeaders().getFirst("Upgrade");
            upgrades.add(upgrade == null ? "none" : upgrade);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI ready() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/q/health/ready");
    }

    @Test
    void aProbeIsPlainHttp11WithoutAskingToUpgradeToH2c() {
        assertThat(ChildProcess.answersReady(ready())).isTrue();

        assertThat(protocols).containsExactly("HTTP/1.1");
        assertThat(upgrades).containsExactly("none");
    }

    @Test
    void anythingButOkIsNotReady() {
        status = 503;

        assertThat(ChildProcess.answersReady(ready())).isFalse();
    }

    @Test
    void nothingListeningIsNotReady() {
        URI closed = ready();
        server.stop(0);

        assertThat(ChildProcess.answersReady(closed)).isFalse();
    }
}

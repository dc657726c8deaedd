package io.ripple.hardwaresimulator;

import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends finish-brewing commands to the sink (the broker ingress) when the brew is over, as
 * binary-mode CloudEvents, like any producer outside Ripple would. A refused or failed send
 * is retried with a doubling delay ({@code retry-delay} … {@code max-retry-delay}) until the
 * sink accepts it: a finish is never dropped while the simulator runs.
 */
@ApplicationScoped
public class FinishSender {

    private static final Logger LOG = Logger.getLogger(FinishSender.class);

    @Inject
    SimulatorConfig config;

    @Inject
    SimulatorStats stats;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hardware-clock");
        thread.setDaemon(true);
        return thread;
    });

    /** Sends {@code finish} once {@code brewDuration} has passed, and again until it is accepted. */
    public void sendAfter(CloudEvent finish, Duration brewDuration) {
        stats.pending.incrementAndGet();
        clock.schedule(() -> attempt(finish, config.retryDelay()), brewDuration.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void attempt(CloudEvent finish, Duration nextDelay) {
        if (config.sink().isEmpty()) {
            refused(finish, nextDelay, "no sink configured (set K_SINK or ripple.simulator.sink)");
            return;
        }
        HttpRequest request;
        try {
            request = binaryRequest(URI.create(config.sink().get()), finish);
        } catch (IllegalArgumentException e) {
            refused(finish, nextDelay, "sink '" + config.sink().get() + "' is not a URL: " + e.getMessage());
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure == null && response.statusCode() >= 200 && response.statusCode() < 300) {
                stats.pending.decrementAndGet();
                stats.finishesDelivered.incrementAndGet();
            } else {
                refused(finish, nextDelay, failure != null ? failure.toString() : "status " + response.statusCode());
            }
        });
    }

    private void refused(CloudEvent finish, Duration delay, String why) {
        stats.sendsRefused.incrementAndGet();
        LOG.warnf("finish-brewing %s for machine %s not accepted (%s); retrying in %s", finish.getId(),
                finish.getSubject(), why, delay);
        Duration next = delay.multipliedBy(2).compareTo(config.maxRetryDelay()) > 0 ? config.maxRetryDelay()
                : delay.multipliedBy(2);
        clock.schedule(() -> attempt(finish, next), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    static HttpRequest binaryRequest(URI sink, CloudEvent event) {
        HttpRequest.Builder request = HttpRequest.newBuilder(sink).timeout(Duration.ofSeconds(10));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpMessageFactory.createWriter(request::header, body::writeBytes).writeBinary(event);
        return request.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    @PreDestroy
    void stop() {
        int lost = clock.shutdownNow().size();
        if (lost > 0) {
            LOG.warnf("stopping with %d finish-brewing command(s) not sent", lost);
        }
    }
}

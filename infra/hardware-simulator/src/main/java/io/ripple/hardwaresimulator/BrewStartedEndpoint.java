package io.ripple.hardwaresimulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The simulator's HTTP side: receives {@code coffee.machine.brew-started} CloudEvents (its
 * Trigger delivers them), answers {@code 202} at once with no reply event, and has the
 * hardware report the outcome later through {@link FinishSender}. {@code GET /simulator}
 * shows what it did.
 */
@ApplicationScoped
public class BrewStartedEndpoint {

    private static final Logger LOG = Logger.getLogger(BrewStartedEndpoint.class);
    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    SimulatorConfig config;

    @Inject
    HardwareOutcomes outcomes;

    @Inject
    FinishSender sender;

    @Inject
    SimulatorStats stats;

    @Inject
    ObjectMapper mapper;

    void install(@Observes Router router) {
        router.post("/").handler(BodyHandler.create()).handler(this::receive);
        router.get("/simulator").handler(context -> context.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(json(stats.snapshot())));
    }

    private void receive(RoutingContext context) {
        Map<String, String> headers = new HashMap<>();
        context.request().headers().forEach(header -> headers.put(header.getKey().toLowerCase(Locale.ROOT),
                header.getValue()));
        String contentType = headers.getOrDefault("content-type", "");
        if (!headers.containsKey("ce-id") && !contentType.startsWith("application/cloudevents+json")) {
            problem(context, 400, "not-a-cloudevent", "Not a CloudEvent",
                    "send a CloudEvent in binary mode (ce-* headers) or structured mode "
                            + "(Content-Type: application/cloudevents+json)");
            return;
        }
        CloudEvent brewStarted;
        try {
            byte[] body = context.body().buffer() == null ? new byte[0] : context.body().buffer().getBytes();
            brewStarted = HttpMessageFactory.createReader(headers, body).toEvent();
        } catch (RuntimeException e) {
            problem(context, 400, "undecodable-event", "Undecodable CloudEvent", String.valueOf(e.getMessage()));
            return;
        }
        if (!FinishBrewingEvents.BREW_STARTED.equals(brewStarted.getType())) {
            problem(context, 400, "unknown-type", "Unexpected event type", "the hardware simulator consumes "
                    + FinishBrewingEvents.BREW_STARTED + " only, not '" + brewStarted.getType() + "'");
            return;
        }
        String machine = brewStarted.getSubject();
        if (machine == null || machine.isBlank()) {
            problem(context, 400, "missing-subject", "Missing subject", "brew-started " + brewStarted.getId()
                    + " has no subject: it must name the machine that started brewing");
            return;
        }
        stats.brewsReceived.incrementAndGet();
        if (config.silentMachines().orElse(Set.of()).contains(machine)) {
            stats.brewsIgnoredAsSilent.incrementAndGet();
            LOG.infof("machine %s is silent: brew %s will never be reported", machine, brewStarted.getId());
        } else {
            HardwareOutcomes.Outcome outcome = outcomes.outcomeOf(brewStarted.getId());
            if (!outcome.ok()) {
                stats.failedBrews.incrementAndGet();
            }
            OffsetDateTime over = OffsetDateTime.now(ZoneOffset.UTC).plus(config.brewDuration());
            sender.sendAfter(FinishBrewingEvents.finishOf(brewStarted, outcome, over), config.brewDuration());
        }
        // Knative data plane: 202 is an acknowledgement without a reply event.
        context.response().setStatusCode(202).end();
    }

    private void problem(RoutingContext context, int status, String type, String title, String detail) {
        Map<String, Object> body = Map.of("type", "urn:ripple:problem:" + type, "title", title, "status", status,
                "detail", detail);
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON).end(json(body));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain records always encode", e);
        }
    }
}

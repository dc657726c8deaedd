package io.ripple.devbroker.http;

import io.ripple.devbroker.DevBroker;
import io.ripple.devbroker.delivery.ActiveTrigger;
import io.ripple.devbroker.delivery.BrokerDispatcher;
import io.ripple.devbroker.delivery.Replays;
import io.ripple.devbroker.log.DeadLetter;
import io.ripple.devbroker.log.DeliveryRecord;
import io.ripple.devbroker.log.EventQuery;
import io.ripple.devbroker.log.LoggedEvent;
import io.ripple.devbroker.topology.BrokerDefinition;
import io.ripple.devbroker.topology.DeliveryPolicy;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The query API under {@code /api/v1}: event log search, deliveries per event, trigger lag,
 * dead letters and their replay. Handlers run on worker threads (SQLite reads block).
 */
final class QueryRoutes {

    static final String PREFIX = "/api/v1";
    private static final Logger LOG = Logger.getLogger(QueryRoutes.class);
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final DevBroker broker;

    QueryRoutes(DevBroker broker) {
        this.broker = broker;
    }

    private DevBroker.Running running() {
        DevBroker.Running running = broker.running();
        if (running == null) {
            throw new NotRunning();
        }
        return running;
    }

    void register(Router router) {
        router.get(PREFIX + "/brokers").handler(ctx -> guarded(ctx, this::brokers));
        router.get(PREFIX + "/events").blockingHandler(ctx -> guarded(ctx, this::events), false);
        router.get(PREFIX + "/events/:id").blockingHandler(ctx -> guarded(ctx, this::event), false);
        router.get(PREFIX + "/events/:id/deliveries").blockingHandler(ctx -> guarded(ctx, this::deliveries), false);
        router.get(PREFIX + "/triggers").handler(ctx -> guarded(ctx, this::triggers));
        router.get(PREFIX + "/triggers/:namespace/:name").handler(ctx -> guarded(ctx, this::trigger));
        router.get(PREFIX + "/dead-letters").blockingHandler(ctx -> guarded(ctx, this::deadLetters), false);
        router.get(PREFIX + "/dead-letters/:id").blockingHandler(ctx -> guarded(ctx, this::deadLetter), false);
        router.post(PREFIX + "/dead-letters/:id/replay").blockingHandler(ctx -> guarded(ctx, this::replay), false);
    }

    private interface Query {
        void answer(RoutingContext context) throws SQLException;
    }

    private static void guarded(RoutingContext context, Query query) {
        try {
            query.answer(context);
        } catch (NotRunning e) {
            Problem.of(503, "not-ready", "Broker not ready", "the broker is starting or stopping")
                    .send(context.response());
        } catch (BadQuery e) {
            Problem.of(400, "invalid-query", "Invalid query", e.getMessage()).send(context.response());
        } catch (SQLException | RuntimeException e) {
            LOG.error("query failed", e);
            Problem.of(500, "query-failed", "Query failed", String.valueOf(e.getMessage())).send(context.response());
        }
    }

    private void brokers(RoutingContext context) {
        JsonArray items = new JsonArray();
        for (BrokerDefinition broker : running().topology().brokers().values()) {
            items.add(new JsonObject().put("namespace", broker.namespace()).put("name", broker.name())
                    .put("path", "/" + broker.namespace() + "/" + broker.name()).put("file", broker.file()));
        }
        json(context, 200, new JsonObject().put("items", items));
    }

    private void events(RoutingContext context) throws SQLException {
        int limit = limit(context);
        EventQuery query = new EventQuery(param(context, "correlationid"), param(context, "type"),
                param(context, "subject"), param(context, "source"), param(context, "broker"),
                time(context, "since"), time(context, "until"), longParam(context, "after", 0), limit);
        List<LoggedEvent> events = running().queries().events(query);
        JsonArray items = new JsonArray();
        events.forEach(event -> items.add(eventJson(event)));
        json(context, 200, new JsonObject().put("items", items)
                .put("nextAfter", events.size() == limit ? events.get(events.size() - 1).seq() : null));
    }

    private void event(RoutingContext context) throws SQLException {
        String id = context.pathParam("id");
        List<LoggedEvent> events = running().queries().eventsWithId(id);
        if (events.isEmpty()) {
            Problem.of(404, "unknown-event", "Unknown event", "no event with id " + id).send(context.response());
            return;
        }
        JsonArray items = new JsonArray();
        for (LoggedEvent event : events) {
            JsonArray deliveries = new JsonArray();
            running().queries().deliveriesOf(event.seq()).forEach(d -> deliveries.add(deliveryJson(d)));
            JsonArray deadLetters = new JsonArray();
            running().queries().deadLetters(null, null, event.seq(), 0, MAX_LIMIT).forEach(d -> deadLetters.add(deadLetterJson(d)));
            items.add(eventJson(event).put("deliveries", deliveries).put("deadLetters", deadLetters));
        }
        json(context, 200, new JsonObject().put("id", id).put("items", items));
    }

    private void deliveries(RoutingContext context) throws SQLException {
        String id = context.pathParam("id");
        List<LoggedEvent> events = running().queries().eventsWithId(id);
        if (events.isEmpty()) {
            Problem.of(404, "unknown-event", "Unknown event", "no event with id " + id).send(context.response());
            return;
        }
        JsonArray items = new JsonArray();
        for (LoggedEvent event : events) {
            running().queries().deliveriesOf(event.seq()).forEach(d -> items.add(deliveryJson(d)));
        }
        json(context, 200, new JsonObject().put("id", id).put("items", items));
    }

    private void triggers(RoutingContext context) {
        JsonArray items = new JsonArray();
        running().dispatcher().status().values().forEach(status -> items.add(triggerJson(status)));
        json(context, 200, new JsonObject().put("items", items));
    }

    private void trigger(RoutingContext context) {
        String key = context.pathParam("namespace") + "/" + context.pathParam("name");
        BrokerDispatcher.TriggerStatus status = running().dispatcher().status().get(key);
        if (status == null) {
            Problem.of(404, "unknown-trigger", "Unknown trigger", "no trigger " + key).send(context.response());
            return;
        }
        json(context, 200, triggerJson(status));
    }

    private void deadLetters(RoutingContext context) throws SQLException {
        int limit = limit(context);
        List<DeadLetter> letters = running().queries().deadLetters(param(context, "trigger"), param(context, "state"), null,
                longParam(context, "after", 0), limit);
        JsonArray items = new JsonArray();
        letters.forEach(letter -> items.add(deadLetterJson(letter)));
        json(context, 200, new JsonObject().put("items", items)
                .put("nextAfter", letters.size() == limit ? letters.get(letters.size() - 1).id() : null));
    }

    private void deadLetter(RoutingContext context) throws SQLException {
        Optional<DeadLetter> letter = running().queries().deadLetter(idParam(context));
        if (letter.isEmpty()) {
            Problem.of(404, "unknown-dead-letter", "Unknown dead letter", "no dead letter "
                    + context.pathParam("id")).send(context.response());
            return;
        }
        json(context, 200, deadLetterJson(letter.get()));
    }

    private void replay(RoutingContext context) throws SQLException {
        long id = idParam(context);
        Optional<DeadLetter> letter = running().queries().deadLetter(id);
        if (letter.isEmpty()) {
            Problem.of(404, "unknown-dead-letter", "Unknown dead letter", "no dead letter " + id)
                    .send(context.response());
            return;
        }
        Replays.Started started = running().replays().replay(letter.get());
        switch (started) {
            case STARTED -> json(context, 202, new JsonObject().put("id", id).put("state", "replaying")
                    .put("location", PREFIX + "/dead-letters/" + id));
            case ALREADY_REPLAYED -> Problem.of(409, "already-replayed", "Already replayed",
                    "dead letter " + id + " was already replayed successfully").send(context.response());
            case IN_PROGRESS -> Problem.of(409, "replay-in-progress", "Replay in progress",
                    "dead letter " + id + " is being replayed").send(context.response());
            case UNKNOWN_TRIGGER -> Problem.of(409, "unknown-trigger", "Trigger no longer exists",
                    "dead letter " + id + " belongs to trigger " + letter.get().trigger()
                            + ", which the manifests no longer define").send(context.response());
        }
    }

    private static JsonObject eventJson(LoggedEvent event) {
        return new JsonObject().put("seq", event.seq()).put("broker", event.broker())
                .put("arrivalTime", Instant.ofEpochMilli(event.arrivalMs()).toString())
                .put("event", new JsonObject(Buffer.buffer(event.json())));
    }

    private static JsonObject deliveryJson(DeliveryRecord record) {
        return new JsonObject().put("trigger", record.trigger()).put("seq", record.eventSeq())
                .put("outcome", record.outcome().label()).put("attempts", record.attempts())
                .put("retries", Math.max(0, record.attempts() - 1)).put("statusCode", record.statusCode())
                .put("detail", record.detail())
                .put("startedAt", Instant.ofEpochMilli(record.startedMs()).toString())
                .put("finishedAt", Instant.ofEpochMilli(record.finishedMs()).toString());
    }

    private static JsonObject deadLetterJson(DeadLetter letter) {
        return new JsonObject().put("id", letter.id()).put("trigger", letter.trigger()).put("broker", letter.broker())
                .put("seq", letter.eventSeq()).put("eventId", letter.eventId()).put("state", letter.state())
                .put("reason", letter.reason()).put("statusCode", letter.statusCode())
                .put("errorData", letter.errorData()).put("attempts", letter.attempts())
                .put("replays", letter.replays())
                .put("createdAt", Instant.ofEpochMilli(letter.createdMs()).toString())
                .put("updatedAt", Instant.ofEpochMilli(letter.updatedMs()).toString())
                .put("event", new JsonObject(Buffer.buffer(letter.payload())));
    }

    private static JsonObject triggerJson(BrokerDispatcher.TriggerStatus status) {
        ActiveTrigger trigger = status.trigger();
        DeliveryPolicy policy = trigger.policy();
        return new JsonObject().put("namespace", trigger.definition().namespace())
                .put("name", trigger.definition().name()).put("broker", trigger.definition().broker())
                .put("subscriber", trigger.definition().subscriber().toString())
                .put("filter", trigger.definition().filter().toString())
                .put("ordered", trigger.definition().ordered())
                .put("lag", status.lag()).put("ackedThrough", status.ackedThrough()).put("inFlight", status.inFlight())
                .put("delivery", new JsonObject().put("retry", policy.retry())
                        .put("backoffPolicy", policy.backoffPolicy().name().toLowerCase(java.util.Locale.ROOT))
                        .put("backoffDelay", policy.backoffDelay().toString())
                        .put("timeout", policy.timeout().toString())
                        .put("deadLetterSink", policy.deadLetterSink() == null ? null
                                : policy.deadLetterSink().toString()));
    }

    private static void json(RoutingContext context, int status, JsonObject body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    private static final class NotRunning extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static final class BadQuery extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadQuery(String message) {
            super(message);
        }
    }

    private static @Nullable String param(RoutingContext context, String name) {
        String value = context.queryParams().get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static long longParam(RoutingContext context, String name, long fallback) {
        String value = param(context, name);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 0) {
                throw new BadQuery(name + " must not be negative, was " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new BadQuery(name + " must be a number, was '" + value + "'");
        }
    }

    private static long idParam(RoutingContext context) {
        try {
            return Long.parseLong(context.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new BadQuery("dead letter id must be a number, was '" + context.pathParam("id") + "'");
        }
    }

    private static int limit(RoutingContext context) {
        long limit = longParam(context, "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadQuery("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        return (int) limit;
    }

    private static @Nullable Long time(RoutingContext context, String name) {
        String value = param(context, name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new BadQuery(name + " must be an RFC 3339 time such as 2026-01-31T12:00:00Z, was '" + value + "'");
        }
    }

}

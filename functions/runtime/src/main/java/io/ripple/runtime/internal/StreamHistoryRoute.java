package io.ripple.runtime.internal;

import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.ripple.runtime.store.EventStore;
import io.ripple.runtime.store.EventStream;
import io.ripple.runtime.store.StreamId;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * {@code GET /q/ripple/streams/{id}}: the stored events of this actor type's actor
 * {@code id}, oldest first, as a JSON array of structured-mode CloudEvents, for debugging.
 * {@code ?after=<version>} lists only the events after that version. The response carries
 * the stream's version in the {@code Ripple-Stream-Version} header.
 */
@ApplicationScoped
public class StreamHistoryRoute {

    static final String VERSION_HEADER = "Ripple-Stream-Version";
    private static final JsonFormat JSON = new JsonFormat();

    @Inject
    ActorRuntime runtime;

    @Inject
    EventStore store;

    @Inject
    HttpEdge edge;

    void install(@Observes Router router) {
        // The store does blocking JDBC: run on a worker thread, never on the event loop.
        router.get("/q/ripple/streams/:id").blockingHandler(this::history, false);
    }

    private void history(RoutingContext context) {
        String id = context.pathParam("id");
        long after;
        try {
            after = Long.parseLong(context.queryParams().get("after") == null ? "0" : context.queryParams().get("after"));
        } catch (NumberFormatException e) {
            edge.writeProblem(context, ProblemException.badCommand("invalid-parameter", "Invalid parameter",
                    "after must be a stream version (a whole number), not '" + context.queryParams().get("after") + "'"));
            return;
        }
        if (after < 0) {
            edge.writeProblem(context, ProblemException.badCommand("invalid-parameter", "Invalid parameter",
                    "after must not be negative: " + after));
            return;
        }
        StreamId stream = new StreamId(runtime.actor().name(), id);
        EventStream events = store.load(stream, after);
        if (events.version() == 0) {
            edge.writeProblem(context, new ProblemException(404, "urn:ripple:problem:unknown-actor", "Unknown actor",
                    "no events are stored for " + stream));
            return;
        }
        Buffer body = Buffer.buffer().appendString("[");
        for (int i = 0; i < events.events().size(); i++) {
            if (i > 0) {
                body.appendString(",");
            }
            CloudEvent event = events.events().get(i);
            body.appendBytes(JSON.serialize(event));
        }
        body.appendString("]");
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(VERSION_HEADER, Long.toString(events.version())).end(body);
    }
}

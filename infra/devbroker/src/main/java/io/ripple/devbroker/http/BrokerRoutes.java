package io.ripple.devbroker.http;

import io.ripple.devbroker.DevBroker;
import io.ripple.devbroker.config.BrokerConfig;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jspecify.annotations.Nullable;

/** Mounts ingress and the query API on Quarkus' HTTP router. */
@ApplicationScoped
public class BrokerRoutes {

    /**
     * Two path segments, except Quarkus' {@code /q/...} and the query API: the broker ingress.
     * A Kubernetes namespace called {@code q} or {@code api} cannot be served.
     */
    static final String INGRESS_PATH = "^/(?!q/|api/)([^/]+)/([^/]+)/?$";

    @Inject
    DevBroker broker;

    @Inject
    BrokerConfig config;

    private volatile @Nullable IngressRoute ingress;

    void register(@Observes Router router) {
        router.route().pathRegex(INGRESS_PATH).handler(context -> ingress().handle(context));
        // A POST anywhere else is a broker client with a wrong URL: say so instead of a bare 404.
        router.post().pathRegex("^/(?!q/|api/).*").handler(context -> Problem.of(400, "invalid-path",
                "Invalid broker path", "expected POST /<namespace>/<broker>, got " + context.request().path())
                .send(context.response()));
        new QueryRoutes(broker).register(router);
    }

    private IngressRoute ingress() {
        IngressRoute route = ingress;
        if (route == null) {
            DevBroker.Running running = running();
            route = new IngressRoute(running.topology(), running.ingress(), new BearerTokens(config.auth()),
                    running.metrics(), config.maxEventSize());
            ingress = route;
        }
        return route;
    }

    private DevBroker.Running running() {
        DevBroker.Running running = broker.running();
        if (running == null) {
            throw new IllegalStateException("broker not started");
        }
        return running;
    }
}

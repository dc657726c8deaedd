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
     * Before every route without an explicit order (Vert.x numbers those 0, 1, 2 ... as they are
     * added, Quarkus' health and metrics routes included): the ingress path is tried first.
     */
    private static final int INGRESS_ORDER = -1;

    @Inject
    DevBroker broker;

    @Inject
    BrokerConfig config;

    private volatile @Nullable IngressRoute ingress;

    void register(@Observes Router router) {
        // Two path segments outside the reserved /q/ and /api/ (IngressPath): the broker ingress.
        // Checked first (INGRESS_ORDER).
        router.route().order(INGRESS_ORDER).handler(context -> {
            IngressPath path = IngressPath.parse(context.normalizedPath());
            if (path == null) {
                context.next();
            } else {
                ingress().handle(context, path);
            }
        });
        // A POST anywhere else is a broker client with a wrong URL: say so instead of a bare 404.
        router.post().handler(context -> {
            if (IngressPath.isReserved(context.normalizedPath())) {
                context.next();
            } else {
                Problem.of(400, "invalid-path", "Invalid broker path",
                        "expected POST /<namespace>/<broker>, got " + context.request().path()).send(context.response());
            }
        });
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

package io.ripple.devbroker;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.ripple.devbroker.config.BrokerConfig;
import io.ripple.devbroker.delivery.ActiveTrigger;
import io.ripple.devbroker.delivery.BrokerDispatcher;
import io.ripple.devbroker.delivery.ConfiguredServiceUrls;
import io.ripple.devbroker.delivery.DeliveryLanes;
import io.ripple.devbroker.delivery.DeliveryService;
import io.ripple.devbroker.delivery.Replays;
import io.ripple.devbroker.delivery.SubscriberClient;
import io.ripple.devbroker.ingress.EventIngress;
import io.ripple.devbroker.log.EventLog;
import io.ripple.devbroker.log.LogQueries;
import io.ripple.devbroker.manifest.ManifestException;
import io.ripple.devbroker.manifest.ManifestLoader;
import io.ripple.devbroker.telemetry.BrokerMetrics;
import io.ripple.devbroker.telemetry.TraceHeaders;
import io.ripple.devbroker.topology.BrokerDefinition;
import io.ripple.devbroker.topology.Destination;
import io.ripple.devbroker.topology.Topology;
import io.ripple.devbroker.topology.TriggerDefinition;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Starts the broker: reads the manifests (a bad one stops startup with a message naming file,
 * resource and field), opens the log, and starts delivering from where each trigger stopped.
 */
@ApplicationScoped
public class DevBroker {

    private static final Logger LOG = Logger.getLogger(DevBroker.class);

    /** The running parts, set once started. */
    public record Running(Topology topology, EventLog log, EventIngress ingress, BrokerDispatcher dispatcher,
            Replays replays, LogQueries queries, SubscriberClient client, BrokerMetrics metrics) {
    }

    @Inject
    BrokerConfig config;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    @Inject
    Tracer tracer;

    @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false")
    boolean tracingDisabled;

    private volatile @Nullable Running running;

    void start(@Observes @Priority(10) StartupEvent event) {
        Path manifests = Path.of(config.manifests());
        Topology topology;
        try {
            topology = new ManifestLoader().load(manifests);
        } catch (ManifestException e) {
            LOG.error("invalid manifests: " + e.getMessage());
            throw e;
        }
        ConfiguredServiceUrls services = ConfiguredServiceUrls.fromConfig(config.services());
        List<ActiveTrigger> triggers = topology.triggers().stream().map(t -> activate(topology, t)).toList();
        warnAboutUnresolvedRefs(triggers, services);

        EventLog log = EventLog.open(Path.of(config.dataDir()), config.fsync(), config.logBusyTimeout());
        BrokerMetrics metrics = new BrokerMetrics(registry);
        TraceHeaders tracing = new TraceHeaders(tracingDisabled ? OpenTelemetry.noop().getTracer("ripple-devbroker") : tracer);
        EventIngress ingress = new EventIngress(log, config.defaultTtl(), tracing);
        DeliveryLanes lanes = DeliveryLanes.of(vertx);
        SubscriberClient client = new SubscriberClient(vertx, lanes,
                Math.max(8, config.delivery().maxConcurrency()));
        DeliveryService delivery = new DeliveryService(vertx, client, services, ingress, log,
                tracing, metrics);
        BrokerDispatcher dispatcher = new BrokerDispatcher(lanes, triggers, log, delivery, metrics,
                config.delivery().maxConcurrency(), config.delivery().maxBuffered());
        log.onCommit(dispatcher);
        log.progressFrom(dispatcher);
        dispatcher.start();
        running = new Running(topology, log, ingress, dispatcher, new Replays(dispatcher, delivery, log, metrics),
                new LogQueries(log.url()), client, metrics);
        LOG.infof("broker ready: %d broker(s) %s, %d trigger(s), manifests %s, log %s (head %d, fsync %s)",
                topology.brokers().size(), topology.brokers().keySet(), triggers.size(),
                manifests.toAbsolutePath(), log.url(), log.head(), config.fsync());
    }

    void stop(@Observes ShutdownEvent event) {
        Running parts = running;
        running = null;
        if (parts != null) {
            parts.dispatcher().close();
            parts.log().close();
            parts.queries().close();
            parts.client().close();
        }
    }

    /** The running broker, or {@code null} before startup finished / after shutdown. */
    public @Nullable Running running() {
        return running;
    }

    private ActiveTrigger activate(Topology topology, TriggerDefinition trigger) {
        BrokerDefinition broker = topology.brokers().get(trigger.brokerKey());
        return new ActiveTrigger(trigger, trigger.delivery().over(broker.delivery(),
                config.delivery().defaultBackoffDelay(), config.delivery().defaultTimeout()));
    }

    private static void warnAboutUnresolvedRefs(List<ActiveTrigger> triggers, ConfiguredServiceUrls services) {
        for (ActiveTrigger trigger : triggers) {
            warn(trigger, "subscriber", trigger.definition().subscriber(), services);
            Destination sink = trigger.policy().deadLetterSink();
            if (sink != null) {
                warn(trigger, "dead letter sink", sink, services);
            }
        }
    }

    private static void warn(ActiveTrigger trigger, String role, Destination destination,
            ConfiguredServiceUrls services) {
        if (destination.ref() != null && !services.knows(destination.ref())) {
            LOG.warnf("trigger %s: %s %s has no URL yet (set ripple.broker.services.%s=<url>); deliveries"
                    + " will fail and be retried", trigger.key(), role, destination, destination.ref().name());
        }
    }
}

package io.ripple.runtime.internal;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.Map;

/**
 * Defaults every actor application inherits from the runtime; its {@code application.properties}
 * (ordinal 250), the environment and system properties win over them (ordinal 100, as a
 * {@code META-INF/microprofile-config.properties} would have).
 *
 * <p>A class rather than that properties file: SmallRye Config reads a properties file found in a
 * library's jar by opening the jar as a zip file system, at every start of every function (about
 * 4 ms of a cold start's CPU, docs/benchmarks.md).
 */
@StaticInitSafe
public final class RuntimeConfigDefaults extends MapBackedConfigSource {

    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("mp.messaging.outgoing.ripple-events.connector", KnativeSinkConnector.NAME),
            Map.entry("mp.messaging.outgoing.ripple-events.url", "${K_SINK:}"),
            // Knative Serving sets PORT; locally quarkus.http.port works as usual.
            Map.entry("quarkus.http.port", "${PORT:8080}"),
            // Event store (docs/durable-actors.md): an SQLite file per actor type unless ripple.store.url
            // (RIPPLE_STORE_URL) says otherwise; tests keep theirs under target/ so `mvn clean` removes it.
            Map.entry("%test.ripple.store.url", "jdbc:sqlite:target/ripple-data/${quarkus.application.name}.db"),
            // Tracing (docs/observability.md): off by default. QUARKUS_OTEL_SDK_DISABLED=false turns it on;
            // spans go to OTLP (QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT) and, when set, to Zipkin at
            // ripple.tracing.zipkin (RIPPLE_TRACING_ZIPKIN). The runtime makes its own spans per command,
            // so Quarkus' generic HTTP server/client and messaging spans would only duplicate them.
            Map.entry("quarkus.otel.sdk.disabled", "true"),
            Map.entry("quarkus.otel.instrument.vertx-http", "false"),
            Map.entry("quarkus.otel.instrument.messaging", "false"),
            // Metrics: the runtime's own ripple_* meters are what the dashboards and alerts read.
            // Micrometer's default binders (JVM, system, Vert.x, Netty, HTTP server) cost about 0.1 s of
            // every cold start and a meter update per request; an application turns one back on with
            // its binder property.
            Map.entry("quarkus.micrometer.binder-enabled-default", "false"),
            // The store's connection pool announces every start and stop at INFO; the runtime logs the
            // store it opened itself (EventStoreProducer), so only the pool's warnings are kept.
            Map.entry("quarkus.log.category.\"com.zaxxer.hikari\".level", "WARN"));

    public RuntimeConfigDefaults() {
        super("ripple-runtime-defaults", DEFAULTS, 100);
    }
}

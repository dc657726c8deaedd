package io.ripple.devbroker.telemetry;

import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Plugs a Zipkin span exporter into Quarkus' OpenTelemetry SDK when
 * {@code ripple.tracing.zipkin} names a Zipkin spans endpoint (e.g.
 * {@code http://127.0.0.1:9411/api/v2/spans}, what {@code ripple up --tracing} sets).
 * Quarkus adds every {@link SpanProcessor} bean to its tracer provider, next to its OTLP
 * exporter (the cluster path); unset, this processor does nothing.
 */
public class ZipkinSpanExport {

    @Produces
    @Singleton
    SpanProcessor zipkin(@ConfigProperty(name = "ripple.tracing.zipkin") Optional<String> endpoint) {
        return endpoint.filter(url -> !url.isBlank())
                .<SpanProcessor>map(url -> BatchSpanProcessor.builder(
                        ZipkinSpanExporter.builder().setEndpoint(url).build())
                        // A local Zipkin is for watching a chain as it runs: export within a second.
                        .setScheduleDelay(Duration.ofSeconds(1)).build())
                .orElseGet(() -> SpanProcessor.composite(List.of()));
    }
}

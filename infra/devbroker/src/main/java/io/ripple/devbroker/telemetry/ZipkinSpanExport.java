package io.ripple.devbroker.telemetry;

import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupUnlessProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/**
 * Exports spans to a Zipkin server when {@code ripple.tracing.zipkin} names its spans endpoint
 * (e.g. {@code http://127.0.0.1:9411/api/v2/spans}, what {@code ripple up --tracing} sets).
 *
 * <p>Quarkus' default exporter type {@code cdi} uses a {@link SpanExporter} bean when there is
 * one, in a batch processor configured by {@code quarkus.otel.bsp.*}, and then drops its OTLP
 * exporter (which would otherwise keep failing against an absent collector). Unset, this bean
 * is invisible to lookup and OTLP stays the exporter: the cluster path. The JDK's
 * {@code HttpURLConnection} sends the spans (no OkHttp, hence no Kotlin runtime on the class path).
 */
public class ZipkinSpanExport {

    @Produces
    @Singleton
    @LookupUnlessProperty(name = "ripple.tracing.zipkin", stringValue = "", lookupIfMissing = false)
    SpanExporter zipkin(@ConfigProperty(name = "ripple.tracing.zipkin") Optional<String> endpoint) {
        String url = endpoint.filter(value -> !value.isBlank()).orElseThrow(() -> new IllegalStateException(
                "ripple.tracing.zipkin is blank: set it to a Zipkin spans endpoint or leave it unset"));
        return ZipkinSpanExporter.builder().setSender(URLConnectionSender.create(url)).build();
    }
}

package io.ripple.coffeemachine;

import static io.ripple.coffeemachine.Commands.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ripple.coffeemachine.OtlpCollector.Export;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The cluster's tracing path (knative/base's ripple-observability: OTLP over gRPC): with the SDK
 * on, a command's spans reach a collector as gRPC export calls. The function's class path has the
 * Vert.x gRPC client and the protobuf runtime but none of gRPC-Java's implementation, so this also
 * shows that Quarkus' exporter needs nothing of what the runtime's pom excludes.
 */
@QuarkusTest
@QuarkusTestResource(value = StubBrokerResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = OtlpCollectorResource.class, restrictToAnnotatedClass = true)
class OtlpGrpcExportTest {

    static final String TRACE_EXPORT = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

    @Test
    void aCommandsSpansAreExportedOverGrpc() {
        String machine = "machine-" + UUID.randomUUID();
        post("coffee.machine.initialize", machine, "{}").statusCode(204);

        Export export = await().atMost(Duration.ofSeconds(20)).until(
                () -> OtlpCollectorResource.collector.exports().stream()
                        .filter(e -> e.path().equals(TRACE_EXPORT) && e.carries(machine)).findFirst().orElse(null),
                found -> found != null);
        assertThat(export.version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(export.contentType()).startsWith("application/grpc");
        assertThat(export.carries("receive coffee.machine.initialize")).as("the receive span is in the export").isTrue();
    }
}

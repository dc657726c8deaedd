package io.ripple.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenTelemetry Collector configuration for clusters, read as YAML: the receivers,
 * processors and exporters Ripple relies on and pipelines that connect them. No collector
 * binary runs here, so this checks structure, not the collector's own validation.
 */
class CollectorConfigTest {

    private static JsonNode config;

    @BeforeAll
    static void load() throws IOException {
        config = new YAMLMapper().readTree(RepoFiles.path(RepoFiles.COLLECTOR).toFile());
    }

    private static List<String> list(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void receivesOtlpOverGrpcAndHttpOnTheStandardPorts() {
        JsonNode protocols = config.path("receivers").path("otlp").path("protocols");
        assertThat(protocols.path("grpc").path("endpoint").asText()).endsWith(":4317");
        assertThat(protocols.path("http").path("endpoint").asText()).endsWith(":4318");
    }

    @Test
    void tracesGoThroughBatchingToJaegerOverOtlp() {
        JsonNode traces = config.path("service").path("pipelines").path("traces");
        assertThat(list(traces.path("receivers"))).containsExactly("otlp");
        assertThat(list(traces.path("processors"))).contains("batch").last().isEqualTo("batch");
        assertThat(list(traces.path("exporters"))).containsExactly("otlp/jaeger");
        assertThat(config.path("exporters").path("otlp/jaeger").path("endpoint").asText())
                .startsWith("jaeger.").endsWith(":4317");
    }

    @Test
    void metricsAreScrapedAndReceivedThenServedToPrometheus() {
        JsonNode metrics = config.path("service").path("pipelines").path("metrics");
        assertThat(list(metrics.path("receivers"))).containsExactlyInAnyOrder("otlp", "prometheus");
        assertThat(list(metrics.path("processors"))).last().isEqualTo("batch");
        assertThat(list(metrics.path("exporters"))).containsExactly("prometheus");
        assertThat(config.path("exporters").path("prometheus").path("endpoint").asText()).endsWith(":8889");
    }

    @Test
    void scrapesTheActorsQuarkusMetricsEndpoint() {
        List<JsonNode> jobs = new ArrayList<>();
        config.path("receivers").path("prometheus").path("config").path("scrape_configs").forEach(jobs::add);
        assertThat(jobs).anySatisfy(job -> {
            assertThat(job.path("job_name").asText()).isEqualTo("ripple-actors");
            assertThat(job.path("metrics_path").asText()).isEqualTo("/q/metrics");
            assertThat(job.path("kubernetes_sd_configs").get(0).path("role").asText()).isEqualTo("pod");
        });
        assertThat(jobs).anySatisfy(job -> assertThat(job.path("job_name").asText()).isEqualTo("knative-kafka-broker"));
    }

    @Test
    void theMemoryLimiterComesFirstInEveryPipeline() {
        config.path("service").path("pipelines").forEach(pipeline ->
                assertThat(list(pipeline.path("processors"))).first().isEqualTo("memory_limiter"));
    }

    @Test
    void everyComponentAPipelineNamesIsDefined() {
        config.path("service").path("pipelines").fields().forEachRemaining(pipeline -> {
            for (String kind : List.of("receivers", "processors", "exporters")) {
                for (String component : list(pipeline.getValue().path(kind))) {
                    assertThat(config.path(kind).has(component))
                            .as("%s of pipeline %s is defined under %s", component, pipeline.getKey(), kind).isTrue();
                }
            }
        });
        for (String extension : list(config.path("service").path("extensions"))) {
            assertThat(config.path("extensions").has(extension)).as("extension %s", extension).isTrue();
        }
    }

    @Test
    void everyDollarIsAnEnvironmentReferenceOrEscaped() {
        // The collector expands ${env:X}; a relabel replacement such as $1 must be written $$1.
        Matcher dollar = Pattern.compile("\\$(?!\\$|\\{env:)").matcher(
                RepoFiles.read(RepoFiles.COLLECTOR).replace("$$", ""));
        assertThat(dollar.find()).as("an unescaped '$' in collector.yaml").isFalse();
    }
}

package io.ripple.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository the tests check, found from the {@code ripple.repo.dir} the build passes in. */
final class RepoFiles {

    static final String DASHBOARD = "infra/observability/grafana/ripple-dashboard.json";
    static final String ALERTS = "infra/observability/prometheus/ripple-alerts.yaml";
    static final String ALERT_TESTS = "infra/observability/prometheus/ripple-alerts.test.yaml";
    static final String COLLECTOR = "infra/observability/otel-collector/collector.yaml";
    static final String ZIPKIN_SCRIPT = "infra/observability/zipkin/run-zipkin.sh";
    static final String DOCS = "docs/observability.md";

    private RepoFiles() {
    }

    static Path repo() {
        Path path = Path.of(System.getProperty("ripple.repo.dir", "../..")).toAbsolutePath().normalize();
        if (!Files.isDirectory(path.resolve("infra/observability"))) {
            throw new IllegalStateException("ripple.repo.dir = " + path + " is not the Ripple repository");
        }
        return path;
    }

    static Path path(String relative) {
        return repo().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.ripple.insights;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A fresh store file per test run, so the statistics start from nothing. */
public class TemporaryStoreResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path folder = Files.createTempDirectory(Path.of("target"), "insights-");
            return Map.of("ripple.insights.db", folder.resolve("insights.db").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // Left under target/ for a look after a failed run; `mvn clean` removes it.
    }
}

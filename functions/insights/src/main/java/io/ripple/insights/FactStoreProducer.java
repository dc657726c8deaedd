package io.ripple.insights;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Opens the insights store named by {@code ripple.insights.db} at startup: an unusable path stops the function. */
public class FactStoreProducer {

    private static final Logger LOG = Logger.getLogger(FactStoreProducer.class);

    @Produces
    @Singleton
    @Startup
    FactStore store(@ConfigProperty(name = "ripple.insights.db") String file) {
        FactStore store = new FactStore(Path.of(file));
        LOG.infof("insights store: %s (%d events counted so far)", store.file().toAbsolutePath(), store.all().size());
        return store;
    }

    void close(@Disposes FactStore store) {
        store.close();
    }
}

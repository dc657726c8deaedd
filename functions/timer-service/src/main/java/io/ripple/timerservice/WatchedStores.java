package io.ripple.timerservice;

import io.ripple.runtime.store.JdbcStore;
import io.ripple.runtime.store.StoreSettings;
import io.smallrye.config.ConfigMapping;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The event stores whose timers this service sends: the one PostgreSQL database all
 * actors share when {@code ripple.store.url} (RIPPLE_STORE_URL) is a PostgreSQL URL, else
 * every {@code <actor-type>.db} SQLite file in {@code ripple.timers.sqlite-folder}, looked
 * for again at each poll so that actor types started later are picked up.
 */
@ApplicationScoped
public class WatchedStores {

    private static final Logger LOG = Logger.getLogger(WatchedStores.class);

    /** The same {@code ripple.store.*} keys the actor functions read. */
    @ConfigMapping(prefix = "ripple.store")
    public interface StoreKeys {
        Optional<String> url();

        Optional<String> user();

        Optional<String> password();
    }

    private final StoreKeys keys;
    private final Path sqliteFolder;
    private final Map<String, JdbcStore> open = new ConcurrentHashMap<>();
    private final java.util.Set<String> notStores = ConcurrentHashMap.newKeySet();

    @Inject
    public WatchedStores(StoreKeys keys, TimerServiceConfig config) {
        this.keys = keys;
        this.sqliteFolder = Path.of(config.sqliteFolder());
    }

    /** The stores to poll now, opening those seen for the first time. */
    public List<JdbcStore> current() {
        Optional<String> url = keys.url().filter(value -> value.startsWith("jdbc:postgresql:"));
        if (url.isPresent()) {
            return List.of(open.computeIfAbsent(url.get(), this::openPostgres));
        }
        List<JdbcStore> stores = new ArrayList<>();
        if (!Files.isDirectory(sqliteFolder)) {
            return stores;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(sqliteFolder, "*.db")) {
            for (Path file : files) {
                String sqliteUrl = "jdbc:sqlite:" + file;
                if (notStores.contains(sqliteUrl)) {
                    continue;
                }
                try {
                    stores.add(open.computeIfAbsent(sqliteUrl, this::openSqlite));
                } catch (RuntimeException e) {
                    // Another application's database in the folder (e.g. a read model's) must
                    // not stop the timers of the actors' stores: skip it, and say so once.
                    notStores.add(sqliteUrl);
                    LOG.warnf("%s is not an event store, not watched: %s", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot list %s: %s", sqliteFolder, e.getMessage());
        }
        return stores;
    }

    private JdbcStore openPostgres(String url) {
        JdbcStore store = JdbcStore.open(new StoreSettings(url, keys.user().orElse(null), keys.password().orElse(null),
                2));
        LOG.infof("watching timers in %s", store.description());
        return store;
    }

    private JdbcStore openSqlite(String url) {
        JdbcStore store = JdbcStore.open(new StoreSettings(url, null, null, 2));
        LOG.infof("watching timers in %s", store.description());
        return store;
    }

    @PreDestroy
    void close() {
        open.values().forEach(JdbcStore::close);
        open.clear();
    }
}

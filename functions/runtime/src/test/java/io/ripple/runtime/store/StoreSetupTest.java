package io.ripple.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.runtime.store.internal.StoreMigrations;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a store: the zero-setup SQLite default, migrations, and clear errors for bad settings. */
class StoreSetupTest {

    @TempDir
    Path folder;

    @Test
    void everyMigrationFileIsListedForNativeImages() throws IOException, URISyntaxException {
        Path location = Path.of(StoreMigrations.class.getClassLoader().getResource(StoreMigrations.LOCATION).toURI());
        try (Stream<Path> files = Files.list(location)) {
            assertThat(files.map(file -> file.getFileName().toString()).sorted())
                    .containsExactlyElementsOf(StoreMigrations.FILES);
        }
    }

    @Test
    void theSqliteFileAndItsFoldersAreCreatedOnFirstUse() {
        Path file = folder.resolve(".ripple/data/coffee-machine.db");

        try (JdbcStore store = JdbcStore.open(StoreSettings.of("jdbc:sqlite:" + file))) {
            assertThat(store.isReachable()).isTrue();
        }

        assertThat(file).exists();
    }

    @Test
    void reopeningAMigratedDatabaseKeepsItsEvents() {
        StoreSettings settings = StoreSettings.of("jdbc:sqlite:" + folder.resolve("twice.db"));
        StreamId stream = Tally.stream("m");
        try (JdbcStore first = JdbcStore.open(settings)) {
            first.eventStore().append(stream, 0, "c", java.util.List.of());
        }

        try (JdbcStore second = JdbcStore.open(settings)) {
            assertThat(second.eventStore().eventsOfCommand(stream, "c")).isPresent();
        }
    }

    @Test
    void anUnsupportedUrlNamesTheSetting() {
        assertThatThrownBy(() -> JdbcStore.open(StoreSettings.of("jdbc:mysql://localhost/ripple")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ripple.store.url")
                .hasMessageContaining("jdbc:sqlite:")
                .hasMessageContaining("jdbc:postgresql:");
    }

    @Test
    void anUnreachableDatabaseFailsWithItsAddressAndNoPassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StoreSettings settings = new StoreSettings("jdbc:postgresql://127.0.0.1:" + closedPort + "/ripple?connectTimeout=2&password=secret-in-url",
                "ripple", "secret-password", 2);

        assertThatThrownBy(() -> JdbcStore.open(settings))
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining("cannot open the event store")
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageNotContaining("secret-password")
                .hasMessageNotContaining("secret-in-url");
    }

    @Test
    void settingsNeverPrintThePassword() {
        assertThat(new StoreSettings("jdbc:postgresql://db/ripple", "ripple", "secret-password", 4).toString())
                .contains("jdbc:postgresql://db/ripple").doesNotContain("secret-password");
    }

    @Test
    void aPoolWithoutConnectionsIsRefused() {
        assertThatThrownBy(() -> new StoreSettings("jdbc:sqlite:x.db", null, null, 0))
                .hasMessageContaining("ripple.store.pool-size");
    }
}

package io.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.cli.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

    @Test
    void aHeldDirectoryIsRefusedNamingTheHolderAndFreedOnClose(@TempDir Path root) {
        Path data = root.resolve("not-yet-created");
        long pid = ProcessHandle.current().pid();

        try (DataDirLock held = DataDirLock.acquire(data)) {
            assertThat(data.resolve(DataDirLock.FILE)).hasContent(Long.toString(pid));
            assertThatThrownBy(() -> DataDirLock.acquire(data)).isInstanceOf(CliException.class)
                    .hasMessageContaining("the data directory " + data + " is in use by another `ripple up` (pid "
                            + pid + ")")
                    .hasMessageContaining("--data-dir");
        }
        try (DataDirLock again = DataDirLock.acquire(data)) {
            assertThat(Files.isDirectory(data)).isTrue();
        }
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsNamed(@TempDir Path root) throws Exception {
        Path file = Files.writeString(root.resolve("a-file"), "");

        assertThatThrownBy(() -> DataDirLock.acquire(file.resolve("data"))).isInstanceOf(CliException.class)
                .hasMessageContaining("cannot use the data directory " + file.resolve("data"));
    }
}

package io.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNativeLibraryTest {

    @TempDir
    Path dir;

    private Path application(boolean withDriver) throws Exception {
        Path app = dir.resolve("quarkus-app");
        Path libs = Files.createDirectories(app.resolve("lib/main"));
        if (withDriver) {
            String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch64" : "x86_64";
            try (OutputStream file = Files.newOutputStream(libs.resolve("org.xerial.sqlite-jdbc-3.99.0.0.jar"));
                    ZipOutputStream zip = new ZipOutputStream(file)) {
                zip.putNextEntry(new ZipEntry("org/sqlite/native/Linux/" + arch + "/libsqlitejdbc.so"));
                zip.write("ELF library".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Path runJar = app.resolve("quarkus-run.jar");
        Files.writeString(runJar, "jar");
        return runJar;
    }

    @Test
    void theDriversLibraryIsUnpackedOnceAndLoadedFromThere() throws Exception {
        Path runJar = application(true);
        Path caches = dir.resolve("class-cache");
        Path unpacked = caches.resolve("native/org.xerial.sqlite-jdbc-3.99.0.0");

        assertThat(SqliteNativeLibrary.optionsFor(runJar, caches)).containsExactly(
                "-Dorg.sqlite.lib.path=" + unpacked.toAbsolutePath(), "-Dorg.sqlite.lib.name=libsqlitejdbc.so",
                "-Dorg.sqlite.tmpdir=" + unpacked.toAbsolutePath());
        assertThat(unpacked.resolve("libsqlitejdbc.so")).hasContent("ELF library");

        Files.writeString(unpacked.resolve("libsqlitejdbc.so"), "kept");
        SqliteNativeLibrary.optionsFor(runJar, caches);
        assertThat(unpacked.resolve("libsqlitejdbc.so")).hasContent("kept");
    }

    @Test
    void aFunctionWithoutTheDriverGetsNoOptions() throws Exception {
        assertThat(SqliteNativeLibrary.optionsFor(application(false), dir.resolve("class-cache"))).isEmpty();
    }
}

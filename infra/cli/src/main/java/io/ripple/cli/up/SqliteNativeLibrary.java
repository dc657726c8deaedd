package io.ripple.cli.up;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The SQLite driver's native library, unpacked once per driver version for every function
 * that bundles the driver.
 *
 * <p>sqlite-jdbc otherwise copies its library out of its jar into a new temporary file on
 * every start (about 0.1 s of a cold start, and a file per process in /tmp). Its
 * {@code org.sqlite.lib.path}/{@code org.sqlite.lib.name} properties load a library
 * already on disk instead; in a container image the same saving comes from the native build.
 */
final class SqliteNativeLibrary {

    private static final String LIBRARY = "libsqlitejdbc.so";

    private SqliteNativeLibrary() {
    }

    /**
     * The JVM options that make the function behind {@code runJar} load the driver's library
     * from {@code cacheDir}, unpacking it there first; none when the function has no SQLite
     * driver, the platform is not Linux, or unpacking fails (the driver then does it itself).
     */
    static List<String> optionsFor(Path runJar, Path cacheDir) {
        Optional<String> platform = linuxFolder();
        Optional<Path> driver = driverJar(runJar);
        if (platform.isEmpty() || driver.isEmpty()) {
            return List.of();
        }
        String version = driver.get().getFileName().toString().replaceFirst("\\.jar$", "");
        Path dir = cacheDir.resolve("native").resolve(version);
        Path library = dir.resolve(LIBRARY);
        try {
            if (!Files.isRegularFile(library)) {
                unpack(driver.get(), "org/sqlite/native/Linux/" + platform.get() + "/" + LIBRARY, library);
            }
        } catch (IOException e) {
            return List.of();
        }
        // tmpdir too: on every start the driver lists its temporary directory to delete copies
        // left by crashed processes, which in a busy /tmp was 15 ms of the store's opening.
        Path folder = dir.toAbsolutePath();
        return List.of("-Dorg.sqlite.lib.path=" + folder, "-Dorg.sqlite.lib.name=" + LIBRARY,
                "-Dorg.sqlite.tmpdir=" + folder);
    }

    /** The driver jar among the application's libraries (Quarkus' fast-jar layout). */
    private static Optional<Path> driverJar(Path runJar) {
        Path libs = runJar.toAbsolutePath().resolveSibling("lib").resolve("main");
        if (!Files.isDirectory(libs)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(libs, "org.xerial.sqlite-jdbc-*.jar")) {
            Iterator<Path> first = jars.iterator();
            return first.hasNext() ? Optional.of(first.next()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> linuxFolder() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        return switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> Optional.of("x86_64");
            case "aarch64" -> Optional.of("aarch64");
            default -> Optional.empty();
        };
    }

    /** Written to a temporary name and moved: two functions starting at once never load half a file. */
    private static void unpack(Path driver, String entryName, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(driver.toFile())) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                throw new IOException(driver + " has no " + entryName);
            }
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), LIBRARY, ".part");
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }
}

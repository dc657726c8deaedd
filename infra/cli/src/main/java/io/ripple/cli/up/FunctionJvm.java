package io.ripple.cli.up;

import io.ripple.cli.CliException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java runtime that runs the functions, with the options every function JVM gets.
 *
 * <p>The project compiles for Java 17, and any newer runtime runs that bytecode; on a JDK 25
 * or newer, {@code ripple up} keeps an AOT cache per function (JEP 483/514): one start of a
 * function records it ({@code -XX:AOTCacheOutput}, written when {@code ripple up} stops it) and the
 * next starts load it ({@code -XX:AOTCache}), classes already loaded and linked. On an
 * older runtime the same idea is AppCDS ({@code -XX:ArchiveClassesAtExit} then
 * {@code -XX:SharedArchiveFile}). Either holds only classes of the JVM's own class loaders,
 * which is why the applications are packaged as Quarkus' {@code aot-jar} (root pom). A cache
 * older than the jar is recorded again; a cache the JVM cannot map (other options, other jar)
 * is a warning in the function's log, and the function starts normally.
 *
 * <p>The cache is recorded from a service's second start in a data directory, not its first: the
 * first start does one-time work (it creates and migrates the function's event store with
 * Flyway), and every class it loads would be mapped and kept resident by every later start
 * (Flyway alone: about 400 classes, 3 MB of each instance's memory). Only one instance per
 * service records (the first one started without a fresh cache): two JVMs writing the same cache
 * file at exit would corrupt it.
 *
 * <p>A JVM that loads an AOT cache does not replay the cache's training data
 * ({@code -XX:-AOTReplayTraining}, a diagnostic option): replaying it is compiler work at
 * startup, on the cores the start itself needs, and with the functions' default compiler
 * options (C1 only) a cold start was faster without it (docs/benchmarks.md). So the recording
 * start does not record it either ({@code -XX:-AOTRecordTraining}): profiles nobody replays
 * would only make the cache, mapped and resident in every instance, about 1 MB larger.
 */
final class FunctionJvm {

    private final Path java;
    private final int feature;
    private final List<String> options;
    private final Optional<Path> cacheDir;
    private final Set<String> recording = ConcurrentHashMap.newKeySet();

    /**
     * @param java     the {@code java} executable
     * @param feature  its feature version (17, 21, 25...)
     * @param options  options for every function JVM (memory, GC, compiler)
     * @param cacheDir where the class caches live, or empty for none
     */
    FunctionJvm(Path java, int feature, List<String> options, Optional<Path> cacheDir) {
        this.java = java;
        this.feature = feature;
        this.options = List.copyOf(options);
        this.cacheDir = cacheDir;
    }

    Path java() {
        return java;
    }

    int feature() {
        return feature;
    }

    private static final Pattern RELEASE_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    /**
     * The functions' runtime under a {@code ripple up} data directory: class caches (when kept)
     * in {@code <dataDir>/class-cache}.
     *
     * @param javaOrHome a {@code java} executable or a JDK directory; blank for the JDK running the CLI
     */
    static FunctionJvm forDataDir(String javaOrHome, List<String> options, boolean classCache, Path dataDir) {
        return of(javaOrHome, options, classCache ? Optional.of(dataDir.resolve("class-cache").toAbsolutePath())
                : Optional.empty());
    }

    /**
     * @param javaOrHome a {@code java} executable or a JDK directory; blank for the JDK running the CLI
     */
    static FunctionJvm of(String javaOrHome, List<String> options, Optional<Path> cacheDir) {
        Path home;
        Path java;
        if (javaOrHome == null || javaOrHome.isBlank()) {
            home = Path.of(System.getProperty("java.home"));
            java = home.resolve("bin/java");
        } else {
            Path given = Path.of(javaOrHome.trim());
            java = Files.isDirectory(given) ? given.resolve("bin/java") : given;
            home = java.toAbsolutePath().getParent().getParent();
        }
        if (!Files.isExecutable(java)) {
            throw new CliException("--java " + javaOrHome + ": no java executable at " + java);
        }
        return new FunctionJvm(java, featureOf(home), List.copyOf(options), cacheDir);
    }

    /** The JDK's {@code release} file names its version; without it, assume the oldest supported. */
    private static int featureOf(Path home) {
        try {
            Matcher matcher = RELEASE_VERSION.matcher(Files.readString(home.resolve("release")));
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 17;
        } catch (IOException | RuntimeException e) {
            return 17;
        }
    }

    /** Whether these options make the JVM record a class cache when it exits. */
    static boolean records(List<String> options) {
        return options.stream().anyMatch(o -> o.startsWith("-XX:AOTCacheOutput=") || o.startsWith("-XX:ArchiveClassesAtExit="));
    }

    /**
     * The command that makes a recording instance write its AOT cache now, before it is stopped
     * ({@code jcmd <pid> AOT.end_recording}, JDK 25). Recorded at exit, the cache would also hold
     * the ~110 classes the shutdown loads (Quarkus', Vert.x's, the store's), and every later start
     * maps them and keeps them resident: 0.4-0.5 MiB of each instance (docs/benchmarks.md).
     * Empty where there is no such command (AppCDS, a JDK without {@code jcmd}); the JVM then
     * still writes the cache when it exits.
     */
    Optional<List<String>> endRecordingCommand(long pid) {
        Path jcmd = java.toAbsolutePath().getParent().resolve("jcmd");
        return feature >= 25 && Files.isExecutable(jcmd)
                ? Optional.of(List.of(jcmd.toString(), Long.toString(pid), "AOT.end_recording"))
                : Optional.empty();
    }

    /**
     * Called when an instance that recorded has exited: if it left no cache (killed before it
     * could write it), the next start records again.
     */
    void recordingEnded(String service) {
        recording.remove(service);
    }

    /**
     * The options for one function: the common ones, then the SQLite driver's library unpacked
     * beside the caches ({@link SqliteNativeLibrary}) and its class cache (load or record).
     */
    List<String> optionsFor(String service, Path jar) {
        List<String> all = new ArrayList<>(options);
        cacheDir.ifPresent(dir -> {
            all.addAll(SqliteNativeLibrary.optionsFor(jar, dir));
            all.addAll(classCacheOptions(service, jar, dir));
        });
        return all;
    }

    /**
     * Load the service's fresh cache; else, on its first start, none; else record one unless
     * another instance already does.
     */
    private List<String> classCacheOptions(String service, Path jar, Path dir) {
        boolean aot = feature >= 25;
        Path cache = dir.resolve(service + (aot ? ".aot" : ".jsa"));
        if (isFresh(cache, jar)) {
            return aot ? List.of("-XX:AOTCache=" + cache, "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining")
                    : List.of("-XX:SharedArchiveFile=" + cache);
        }
        try {
            Files.createDirectories(dir);
            Files.createFile(dir.resolve(service + ".started"));
            return List.of(); // this is the first start: the marker did not exist
        } catch (FileAlreadyExistsException e) {
            // an earlier start left the marker: this one may record
        } catch (IOException e) {
            return List.of(); // no cache this time: the function still starts, only slower
        }
        if (!recording.add(service)) {
            return List.of();
        }
        try {
            Files.deleteIfExists(cache);
        } catch (IOException e) {
            recording.remove(service);
            return List.of();
        }
        return aot ? List.of("-XX:AOTCacheOutput=" + cache, "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining")
                : List.of("-XX:ArchiveClassesAtExit=" + cache);
    }

    private static boolean isFresh(Path cache, Path jar) {
        try {
            return Files.isRegularFile(cache) && Files.size(cache) > 0
                    && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}

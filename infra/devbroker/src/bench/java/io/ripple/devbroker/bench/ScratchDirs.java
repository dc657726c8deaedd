package io.ripple.devbroker.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The benchmarks' scratch folders (a broker's data directory, its log): removed when a run ends,
 * since each run writes hundreds of MB there (71 forgotten runs once held 27 GB of {@code /tmp}).
 * {@code BENCH_KEEP_DATA=1} keeps them, to read the broker's log after a run.
 */
final class ScratchDirs {

    private ScratchDirs() {
    }

    static Path create(String prefix) throws IOException {
        return Files.createTempDirectory(prefix);
    }

    static void remove(Path dir) {
        if (System.getenv("BENCH_KEEP_DATA") != null) {
            System.out.println("kept (BENCH_KEEP_DATA): " + dir);
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }
}

package io.ripple.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of knative/base in a temporary directory, to break on purpose. */
final class BrokenCopy {

    private final Path directory;

    private BrokenCopy(Path directory) {
        this.directory = directory;
    }

    static BrokenCopy of(Path source, Path target) {
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BrokenCopy(target);
    }

    /** Replaces text that must be there (so a changed base fails loudly instead of testing nothing). */
    BrokenCopy replace(String file, String text, String replacement) {
        Path path = directory.resolve(file);
        try {
            String content = Files.readString(path);
            assertThat(content).as("%s must contain the text to break", file).contains(text);
            Files.writeString(path, content.replace(text, replacement));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    BrokenCopy delete(String file) {
        try {
            Files.delete(directory.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    BrokenCopy write(String file, String content) {
        try {
            Files.writeString(directory.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Path directory() {
        return directory;
    }

    String file(String name) {
        return directory.resolve(name).toString();
    }
}

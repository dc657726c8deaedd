package io.ripple.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with {@code kubectl kustomize}, which works offline (no cluster,
 * no kubeconfig needed).
 */
public final class KustomizeRenderer {

    private static final long TIMEOUT_SECONDS = 60;

    private final String kubectl;

    /** A renderer running {@code kubectl} from the PATH. */
    public KustomizeRenderer() {
        this("kubectl");
    }

    /** A renderer running the given kubectl executable. */
    public KustomizeRenderer(String kubectl) {
        this.kubectl = kubectl;
    }

    /**
     * The rendered YAML of the kustomization in {@code directory}.
     *
     * @throws IllegalStateException when kubectl fails; the message carries its error output
     * @throws UncheckedIOException  when kubectl cannot be started
     */
    public String render(Path directory) {
        if (!Files.isRegularFile(directory.resolve("kustomization.yaml"))) {
            throw new IllegalArgumentException(directory + " has no kustomization.yaml");
        }
        try {
            Process process = new ProcessBuilder(List.of(kubectl, "kustomize", directory.toString())).start();
            process.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            String stdout = readAll(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + directory + " did not finish in "
                        + TIMEOUT_SECONDS + "s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + directory + " failed: " + stderr.join().strip());
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + kubectl + " kustomize " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering " + directory, e);
        }
    }

    private static String readAll(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

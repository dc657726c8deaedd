package io.ripple.runtime.internal;

import java.util.List;
import java.util.function.Supplier;

/**
 * Wraps each step of processing a command (load, decide, append, publish) so adapters can
 * time and trace them without the processor knowing about metrics or tracing libraries.
 */
public interface ProcessingSteps {

    String LOAD = "load";
    String DECIDE = "decide";
    String APPEND = "append";
    String PUBLISH = "publish";
    /** Every step of a command, in the order they run. */
    List<String> ALL = List.of(LOAD, DECIDE, APPEND, PUBLISH);

    /** Steps that are only run. */
    ProcessingSteps UNOBSERVED = new ProcessingSteps() {
        @Override
        public <T> T step(String name, Supplier<T> body) {
            return body.get();
        }
    };

    /** Runs {@code body} as the step called {@code name}. */
    <T> T step(String name, Supplier<T> body);

    /** Runs a step that yields nothing. */
    default void run(String name, Runnable body) {
        step(name, () -> {
            body.run();
            return null;
        });
    }
}

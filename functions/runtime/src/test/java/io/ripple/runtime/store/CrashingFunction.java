package io.ripple.runtime.store;

import java.time.Instant;

/**
 * A function process that dies at a chosen point of processing one command, the way a
 * killed pod does: {@link Runtime#halt} runs no shutdown hook and closes nothing.
 *
 * <p>Arguments: url user password actorId commandId amount crashPoint, where crashPoint
 * is {@code before-append}, {@code after-append} (stored, not published) or
 * {@code after-publish} (published, the broker never got the acknowledgement). The ids of
 * the events it stored are printed as {@code stored <id>...} before the crash.
 */
public final class CrashingFunction {

    static final int KILLED = 137;

    private CrashingFunction() {
    }

    public static void main(String[] args) {
        StoreSettings settings = new StoreSettings(args[0], emptyToNull(args[1]), emptyToNull(args[2]), 2);
        StreamId stream = Tally.stream(args[3]);
        String commandId = args[4];
        Tally.Add add = new Tally.Add(Integer.parseInt(args[5]), "crash", Instant.parse("2025-01-01T00:00:00Z"));
        String crashPoint = args[6];
        JdbcStore store = JdbcStore.open(settings);
        TallyProcessor processor = new TallyProcessor(store.eventStore(), 0, 5);
        TallyProcessor.Outcome outcome = processor.process(stream, commandId, add, () -> {
            if (crashPoint.equals("before-append")) {
                Runtime.getRuntime().halt(KILLED);
            }
        });
        System.out.println("stored " + String.join(" ", outcome.ids()));
        System.out.flush();
        if (crashPoint.equals("after-publish")) {
            System.out.println("published " + String.join(" ", outcome.ids()));
            System.out.flush();
        }
        Runtime.getRuntime().halt(KILLED);
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}

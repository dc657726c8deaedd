package io.ripple.cli.up;

import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Prints the state of every service whenever one changes. */
final class StatusTable {

    private final PrintWriter out;
    private final List<ServiceScaler> scalers = new ArrayList<>();
    private ChildProcess broker;
    private String last = "";

    StatusTable(PrintWriter out) {
        this.out = out;
    }

    synchronized void register(Collection<ServiceScaler> all, ChildProcess devbroker) {
        scalers.addAll(all);
        broker = devbroker;
    }

    /**
     * Called by scalers, possibly while they hold their own lock: printing reads every
     * scaler's status, so it happens on another thread to keep lock order out of the picture.
     */
    void changed(ServiceScaler ignored) {
        printer.execute(this::print);
    }

    private final java.util.concurrent.ExecutorService printer =
            java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "status-table");
                thread.setDaemon(true);
                return thread;
            });

    synchronized void print() {
        if (broker == null) {
            return;
        }
        StringBuilder table = new StringBuilder();
        table.append(String.format("%-22s %-10s %-18s %s%n", "SERVICE", "INSTANCES", "PORTS", "STATE"));
        table.append(String.format("%-22s %-10s %-18s %s%n", "broker", "1/1", broker.port(),
                broker.isAlive() ? "ready" : "exited"));
        for (ServiceScaler scaler : scalers) {
            table.append(scaler.status()).append(System.lineSeparator());
        }
        String now = table.toString();
        if (!now.equals(last)) {
            last = now;
            out.println("--- " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
            out.print(now);
            out.flush();
        }
    }
}

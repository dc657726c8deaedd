package io.ripple.hardwaresimulator;

import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;

/** What the simulator did since it started, served at {@code GET /simulator}. */
// A singleton, not application-scoped: its counters are fields, which a client proxy would hide.
@Singleton
public class SimulatorStats {

    final AtomicLong brewsReceived = new AtomicLong();
    final AtomicLong brewsIgnoredAsSilent = new AtomicLong();
    final AtomicLong finishesDelivered = new AtomicLong();
    final AtomicLong failedBrews = new AtomicLong();
    final AtomicLong sendsRefused = new AtomicLong();
    final AtomicLong pending = new AtomicLong();

    /**
     * @param brewsReceived      brew-started events accepted
     * @param silentMachineBrews of which for silent machines, never answered
     * @param finishesDelivered  finish-brewing commands the sink accepted
     * @param failedBrews        brews the hardware reports (or will report) as failed
     * @param sendsRefused       sends the sink refused or that did not reach it (each retried)
     * @param pending            finishes not delivered yet (waiting for the brew or for a retry)
     */
    public record Snapshot(long brewsReceived, long silentMachineBrews, long finishesDelivered, long failedBrews,
            long sendsRefused, long pending) {
    }

    public Snapshot snapshot() {
        return new Snapshot(brewsReceived.get(), brewsIgnoredAsSilent.get(), finishesDelivered.get(),
                failedBrews.get(), sendsRefused.get(), pending.get());
    }
}

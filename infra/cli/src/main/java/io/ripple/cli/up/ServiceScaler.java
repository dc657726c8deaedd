package io.ripple.cli.up;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Knative Serving's autoscaler for one Service, on one machine: starts an instance on the
 * first request (scale from zero), adds instances while the in-flight requests per
 * instance exceed the concurrency {@code target} (up to {@code max-scale}), removes idle
 * extra instances, and stops the last one after the retention period without requests
 * (scale to zero).
 */
final class ServiceScaler {

    /** One running (or starting) instance of the function. */
    static final class Instance {
        final ChildProcess process;
        final CompletableFuture<Instance> ready = new CompletableFuture<>();
        final long startedAt = System.nanoTime();
        int inFlight;
        long idleSince = System.nanoTime();

        Instance(ChildProcess process) {
            this.process = process;
        }

        boolean isReady() {
            return ready.isDone() && !ready.isCompletedExceptionally();
        }
    }

    private final ServiceSpec spec;
    private final FunctionLauncher launcher;
    private final Duration readyTimeout;
    private final Duration scaleInWindow;
    private final Consumer<ServiceScaler> onChange;
    private final List<Instance> instances = new ArrayList<>();
    private long lastRequest = System.nanoTime();
    private boolean stopped;
    /** From process start to ready, of the instance that became ready last; null before the first. */
    private Duration lastStart;

    ServiceScaler(ServiceSpec spec, FunctionLauncher launcher, Duration readyTimeout, Duration scaleInWindow,
            Consumer<ServiceScaler> onChange) {
        this.spec = spec;
        this.launcher = launcher;
        this.readyTimeout = readyTimeout;
        this.scaleInWindow = scaleInWindow;
        this.onChange = onChange;
    }

    ServiceSpec spec() {
        return spec;
    }

    /** Starts the {@code min-scale} instances. */
    synchronized void start() {
        while (instances.size() < spec.minScale()) {
            startInstance();
        }
    }

    /**
     * An instance ready to take one more request, starting one if none runs; the caller
     * must {@link #release} it.
     */
    Instance acquire() throws InterruptedException, TimeoutException {
        CompletableFuture<Instance> starting;
        synchronized (this) {
            if (stopped) {
                throw new TimeoutException("ripple up is stopping");
            }
            lastRequest = System.nanoTime();
            Instance best = instances.stream().filter(Instance::isReady)
                    .min(Comparator.comparingInt(i -> i.inFlight)).orElse(null);
            if (best != null) {
                // Like the activator with burst capacity: a busy instance still takes the
                // request while another one starts.
                best.inFlight++;
                scaleOutIfSaturated();
                return best;
            }
            if (instances.isEmpty()) {
                startInstance();
            }
            starting = instances.stream().filter(i -> !i.ready.isDone()).findFirst()
                    .map(i -> i.ready).orElseThrow(() -> new TimeoutException(spec.name() + " has no instance"));
        }
        try {
            Instance instance = starting.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            synchronized (this) {
                instance.inFlight++;
                scaleOutIfSaturated();
            }
            return instance;
        } catch (ExecutionException e) {
            throw new TimeoutException(spec.name() + " did not become ready: " + e.getCause().getMessage());
        }
    }

    /** Starts one more instance when every ready one has more requests in flight than the target. */
    private void scaleOutIfSaturated() {
        boolean anyStarting = instances.stream().anyMatch(i -> !i.ready.isDone());
        boolean saturated = instances.stream().filter(Instance::isReady).allMatch(i -> i.inFlight > spec.target());
        if (saturated && !anyStarting && instances.size() < spec.maxScale()) {
            startInstance();
        }
    }

    synchronized void release(Instance instance) {
        instance.inFlight--;
        if (instance.inFlight == 0) {
            instance.idleSince = System.nanoTime();
        }
        lastRequest = System.nanoTime();
    }

    private void startInstance() {
        int port = FreePorts.any();
        Instance instance = new Instance(launcher.start(spec, port));
        instances.add(instance);
        onChange.accept(this);
        Thread probe = new Thread(() -> awaitReady(instance), "ready-" + spec.name() + "-" + port);
        probe.setDaemon(true);
        probe.start();
    }

    private void awaitReady(Instance instance) {
        boolean ready;
        try {
            ready = instance.process.awaitReady(readyTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready = false;
        }
        if (ready) {
            synchronized (this) {
                lastStart = Duration.ofNanos(System.nanoTime() - instance.startedAt);
            }
            instance.ready.complete(instance);
        } else {
            instance.process.stop(Duration.ofSeconds(2));
            synchronized (this) {
                instances.remove(instance);
            }
            instance.ready.completeExceptionally(new IllegalStateException("instance on port "
                    + instance.process.port() + " exited or was not ready within " + readyTimeout.toSeconds()
                    + " s (see .ripple/logs/" + spec.name() + ".log)"));
        }
        onChange.accept(this);
    }

    /** One autoscaler tick: drop dead instances, scale in, scale to zero. */
    void tick() {
        List<Instance> toStop = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            boolean changed = instances.removeIf(i -> i.isReady() && !i.process.isAlive());
            // Never below min-scale: an always-on instance that died is replaced, as a Deployment would.
            while (!stopped && instances.size() < spec.minScale()) {
                startInstance();
                changed = true;
            }
            int inFlight = instances.stream().mapToInt(i -> i.inFlight).sum();
            long idleFor = now - lastRequest;
            if (inFlight == 0 && idleFor >= spec.retention().toNanos() && instances.size() > spec.minScale()) {
                instances.stream().filter(Instance::isReady).skip(spec.minScale()).forEach(toStop::add);
            } else {
                int needed = Math.max(Math.max(1, spec.minScale()), (inFlight + spec.target() - 1) / spec.target());
                instances.stream().filter(Instance::isReady)
                        .filter(i -> i.inFlight == 0 && now - i.idleSince >= scaleInWindow.toNanos())
                        .limit(Math.max(0, instances.size() - needed)).findFirst().ifPresent(toStop::add);
            }
            instances.removeAll(toStop);
            if (!changed && toStop.isEmpty()) {
                return;
            }
        }
        toStop.forEach(i -> i.process.stop(Duration.ofSeconds(10)));
        onChange.accept(this);
    }

    /** Stops every instance. */
    void stop() {
        List<Instance> all;
        synchronized (this) {
            stopped = true;
            all = new ArrayList<>(instances);
            instances.clear();
        }
        all.forEach(i -> i.process.stop(Duration.ofSeconds(10)));
    }

    /** A line of the status table. */
    synchronized String status() {
        long ready = instances.stream().filter(Instance::isReady).count();
        String ports = instances.stream().map(i -> Integer.toString(i.process.port()))
                .reduce((a, b) -> a + "," + b).orElse("-");
        String state = state(instances.size(), ready, lastStart);
        String max = spec.maxScale() == Integer.MAX_VALUE ? "∞" : Integer.toString(spec.maxScale());
        return String.format("%-22s %-10s %-18s %s", spec.name(), ready + "/" + instances.size() + " (max " + max + ")",
                ports, state);
    }

    /**
     * The state column; a ready service also shows how long its latest instance took from
     * process start to ready (what a cold start costs before the first request is served).
     *
     * @param lastStart null until an instance has been ready
     */
    static String state(int instances, long ready, Duration lastStart) {
        if (instances == 0) {
            return "scaled to zero";
        }
        if (ready < instances) {
            return "starting";
        }
        return lastStart == null ? "ready" : "ready (started in " + lastStart.toMillis() + " ms)";
    }

    synchronized int instanceCount() {
        return instances.size();
    }
}

package io.slipway.scheduler;

import io.slipway.core.AppManifest;
import io.slipway.core.AppName;
import io.slipway.core.DeployFailedException;
import io.slipway.core.Endpoint;
import io.slipway.core.PushLog;
import io.slipway.core.Release;
import io.slipway.core.Traffic;
import io.slipway.core.event.EventBus;
import io.slipway.core.event.RoutesChanged;
import io.slipway.core.store.Formations;
import io.slipway.scheduler.AppRuntime.Slot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control loop: converges each app's instances to its release and formation. It starts
 * missing instances (after a crash, with exponential backoff), stops extra ones after draining
 * them, replaces web instances that stop listening on their port, and tells the router about every change.
 */
final class Supervisor {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
    private static final int FAILED_PROBES_BEFORE_REPLACING = 3;
    /** The lines of a failed instance's output the push shows. */
    private static final int CRASH_LINES = 40;

    final Map<AppName, AppRuntime> runtimes = new ConcurrentHashMap<>();
    private final Containers containers;
    private final StartupChecks checks;
    private final EventBus events;
    private final Formations formations;
    private final Traffic traffic;
    private final LogStore logs;
    private final SchedulerSettings settings;
    private final ExecutorService workers;

    Supervisor(Containers containers, EventBus events, Formations formations, Traffic traffic, LogStore logs,
               SchedulerSettings settings, ExecutorService workers) {
        this.containers = containers;
        this.checks = new StartupChecks(containers, settings);
        this.events = events;
        this.formations = formations;
        this.traffic = traffic;
        this.logs = logs;
        this.settings = settings;
        this.workers = workers;
    }

    AppRuntime runtime(AppName app) {
        return runtimes.computeIfAbsent(app, a -> new AppRuntime());
    }

    /** How many instances of each process type the release should run: none while the app is stopped. */
    Map<String, Integer> desired(Release release) {
        return desired(release, formations.stopped(release.app()));
    }

    /** How many instances of each process type the release runs when started; all 0 when {@code stopped}. */
    Map<String, Integer> desired(Release release, boolean stopped) {
        Map<String, Integer> scaled = formations.scaled(release.app());
        Map<String, Integer> desired = new LinkedHashMap<>();
        for (String type : release.processes().keySet()) {
            if (type.equals("release")) {
                continue;
            }
            AppManifest.Formation defaults = release.manifest().formation().get(type);
            int quantity = stopped ? 0 : scaled.containsKey(type) ? scaled.get(type)
                    : defaults != null && defaults.quantity() != AppManifest.Formation.UNSET ? defaults.quantity()
                    : type.equals("web") ? 1 : 0;
            desired.put(type, quantity);
        }
        return desired;
    }

    /**
     * What to say when the release defines processes and runs none of them: a worker-only app's
     * types start at 0 (only web starts by itself, as on Heroku), or ps:scale set them so; empty
     * otherwise.
     */
    java.util.Optional<String> nothingScaled(Release release) {
        Map<String, Integer> desired = desired(release);
        if (desired.isEmpty() || desired.values().stream().anyMatch(q -> q > 0)) {
            return java.util.Optional.empty();
        }
        if (!formations.scaled(release.app()).isEmpty()) {
            String type = desired.containsKey("web") ? "web" : desired.keySet().iterator().next();
            return java.util.Optional.of("nothing runs: ps:scale set " + String.join(", ", desired.keySet()) + " to 0;"
                    + " ps:scale " + release.app() + " " + type + "=1 starts " + type);
        }
        String type = desired.keySet().iterator().next();
        return java.util.Optional.of("nothing runs: " + String.join(", ", desired.keySet()) + " scaled to 0 (only web"
                + " starts by itself, as on Heroku): ps:scale " + release.app() + " " + type + "=1, or set its"
                + " quantity in app.json's formation");
    }

    long memory(Release release, String type) {
        AppManifest.Formation f = release.manifest().formation().get(type);
        return f != null && f.memoryBytes() > 0 ? f.memoryBytes() : settings.memoryBytes();
    }

    /**
     * Starts an instance and waits for its startup checks. On failure the container is removed,
     * its last lines go to {@code report}, and the exception says why.
     */
    Slot start(InstanceSpec spec, Consumer<String> report) {
        String id = containers.start(spec);
        Slot slot = new Slot(spec.type(), spec.number());
        slot.containerId = id;
        slot.restarts = spec.restarts();
        AppName app = spec.release().app();
        slot.logs = containers.follow(id, Instant.EPOCH, line -> logs.write(app, spec.instance(), line));
        try {
            if (spec.type().equals("web")) {
                Readiness.Target target = containers.published(id, spec.port()).orElseGet(() -> {
                    checks.ensureRunning(id, spec);
                    throw new DeployFailedException("the engine published no port for " + spec.instance());
                });
                slot.hostPort = target.hostPort();
                slot.direct = target.direct();
            }
            checks.await(id, spec, slot.target(), report);
        } catch (DeployFailedException e) {
            List<String> lines = containers.lastLines(id, CRASH_LINES + 1);
            if (lines.size() > CRASH_LINES) {
                lines = lines.subList(1, lines.size());
                report.accept(spec.instance() + " | ... (its last " + CRASH_LINES + " lines; logs " + app + " has them all)");
            }
            lines.forEach(line -> report.accept(spec.instance() + " | " + line));
            close(slot.logs);
            containers.remove(id);
            throw e;
        }
        slot.state = "up";
        slot.ready = true;
        slot.since = Instant.now();
        return slot;
    }

    /**
     * One pass of the loop for one app, under its lock: notices crashes, starts what is missing,
     * stops what is extra. With {@code wait}, returns once the started instances are up or failed.
     */
    void converge(AppName app, PushLog out, boolean wait) {
        AppRuntime rt = runtime(app);
        Release release = rt.release;
        if (release == null) {
            return;
        }
        noticeCrashes(app, rt);
        removeStrays(app, rt);
        Map<String, Integer> desired = desired(release);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (Map.Entry<String, Integer> type : desired.entrySet()) {
            for (int n = 1; n <= type.getValue(); n++) {
                int number = n;
                Slot slot = rt.slots.computeIfAbsent(type.getKey() + "." + n, k -> new Slot(type.getKey(), number));
                if (slot.containerId == null && !slot.busy && slot.backoffLeft().isZero()) {
                    slot.busy = true;
                    Slot target = slot;
                    starts.add(CompletableFuture.runAsync(() -> refill(app, rt, release, target, out), workers));
                }
            }
        }
        for (Slot slot : List.copyOf(rt.slots.values())) {
            if (slot.number > desired.getOrDefault(slot.type, 0) && !slot.busy) {
                rt.slots.remove(slot.name());
                publish(app, rt);
                if (slot.containerId != null) {
                    out.info("stopping " + slot.name());
                    starts.add(CompletableFuture.runAsync(() -> retire(app, List.of(slot)), workers));
                }
            }
        }
        if (wait) {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        }
    }

    /** Starts a container in an empty slot of the current release. */
    private void refill(AppName app, AppRuntime rt, Release release, Slot slot, PushLog out) {
        InstanceSpec spec = InstanceSpec.formation(release, slot.type, slot.number, slot.restarts,
                memory(release, slot.type));
        try {
            Slot started = start(spec, out::error);
            // A slot given up while it started (the release moved on, ps:scale, ps:stop) keeps nothing.
            if (rt.release != release || !rt.slots.containsKey(slot.name()) || formations.stopped(app)) {
                retire(app, List.of(started));
                return;
            }
            slot.containerId = started.containerId;
            slot.hostPort = started.hostPort;
            slot.direct = started.direct;
            slot.logs = started.logs;
            slot.state = "up";
            slot.since = started.since;
            slot.ready = true;
            slot.failedProbes = 0;
            out.info(slot.name() + " is up");
            publish(app, rt);
        } catch (RuntimeException e) {
            slot.crashed("failed to start");
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            logs.event(app, slot.name() + " failed to start: " + why + "; next try in " + slot.backoffLeft().toSeconds() + " s");
            out.error(slot.name() + " failed to start: " + why);
        } finally {
            slot.busy = false;
        }
    }

    private void noticeCrashes(AppName app, AppRuntime rt) {
        for (Slot slot : rt.slots.values()) {
            String id = slot.containerId;
            if (id == null || slot.busy) {
                continue;
            }
            var state = containers.state(id);
            if (state.isEmpty() || !state.get().running()) {
                String how = state.map(s -> s.oomKilled() ? "out of memory" : "exit " + s.exitCode()).orElse("gone");
                close(slot.logs);
                containers.remove(id);
                slot.containerId = null;
                slot.crashed(how);
                publish(app, rt);
                logs.event(app, slot.name() + " crashed (" + how + "); restarting in " + slot.backoffLeft().toSeconds()
                        + " s (restart " + slot.restarts + ")");
                log.info("{} {} crashed ({})", app, slot.name(), how);
            }
        }
    }

    /** Containers of this app that no slot owns (an older release, a deploy cut short) are stopped. */
    private void removeStrays(AppName app, AppRuntime rt) {
        Set<String> owned = rt.slots.values().stream().map(s -> s.containerId).filter(id -> id != null)
                .collect(Collectors.toSet());
        if (rt.slots.values().stream().anyMatch(s -> s.busy)) {
            return;
        }
        for (Containers.Observed o : containers.list(app.value(), Labels.INSTANCE_ROLE)) {
            if (!owned.contains(o.id())) {
                log.info("stopping stray instance {} of {} ({})", o.instance(), app, o.release());
                workers.execute(() -> containers.stop(o.id()));
            }
        }
    }

    /** Probes every live web instance (see {@link Liveness}); one that fails three times running is taken out of the routes and replaced. */
    void probe(AppName app) {
        AppRuntime rt = runtime(app);
        for (Slot slot : rt.slots.values()) {
            if (!slot.ready || slot.busy || slot.hostPort == 0 || slot.containerId == null) {
                continue;
            }
            String failure = Liveness.failure(slot, rt.release);
            if (failure.isEmpty()) {
                slot.failedProbes = 0;
            } else if (++slot.failedProbes >= FAILED_PROBES_BEFORE_REPLACING) {
                logs.event(app, slot.name() + " " + failure + "; replacing it");
                slot.ready = false;
                publish(app, rt);
                containers.kill(slot.containerId);
            }
        }
    }

    /** The router ejected the instance at {@code endpoint}: the next probes send it a request too (see {@link Liveness}). */
    void suspect(AppName app, Endpoint endpoint) {
        runtime(app).slots.values().stream().filter(s -> s.hostPort == endpoint.port() && s.ready)
                .forEach(s -> s.suspect = true);
    }

    /** Tells the router the live web endpoints of the app when they changed. */
    void publish(AppName app, AppRuntime rt) {
        List<Endpoint> endpoints = rt.slots.values().stream()
                .filter(s -> s.ready && s.type.equals("web") && s.hostPort > 0)
                .sorted(Comparator.comparingInt(s -> s.number))
                .map(s -> new Endpoint(s.name(), Containers.LOOPBACK, s.hostPort)).toList();
        synchronized (rt) {
            if (!endpoints.equals(rt.published)) {
                rt.published = endpoints;
                events.publish(new RoutesChanged(app, endpoints));
            }
        }
    }

    /** Drains (web) and stops the slots' containers, all at once. */
    void retire(AppName app, Collection<Slot> slots) {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Slot slot : slots) {
            if (slot.containerId == null) {
                continue;
            }
            String id = slot.containerId;
            CompletableFuture<Void> drained = slot.hostPort > 0
                    ? traffic.drained(new Endpoint(slot.name(), Containers.LOOPBACK, slot.hostPort), settings.drainTimeout())
                    : CompletableFuture.completedFuture(null);
            stops.add(drained.thenRunAsync(() -> {
                containers.stop(id);
                close(slot.logs);
            }, workers));
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
    }

    static void close(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("closing a log stream: {}", e.getMessage());
        }
    }
}

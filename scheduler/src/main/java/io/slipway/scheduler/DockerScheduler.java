package io.slipway.scheduler;

import com.github.dockerjava.api.DockerClient;
import io.slipway.core.AppName;
import io.slipway.core.AppNetworks;
import io.slipway.core.DaemonThreads;
import io.slipway.core.DeployFailedException;
import io.slipway.core.InvalidInputException;
import io.slipway.core.PushLog;
import io.slipway.core.Release;
import io.slipway.core.Scheduler;
import io.slipway.core.Traffic;
import io.slipway.core.event.EndpointFailed;
import io.slipway.core.event.EventBus;
import io.slipway.core.event.RoutesChanged;
import io.slipway.core.store.Apps;
import io.slipway.core.store.Formations;
import io.slipway.core.store.Releases;
import io.slipway.scheduler.AppRuntime.Slot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local Docker engine backend. Deploys are zero-downtime: the new release's instances start
 * and pass their checks before the routes move, and the old ones are drained before they stop.
 * Between deploys the {@link Supervisor} keeps the formation running.
 */
public final class DockerScheduler implements Scheduler {

    private static final Logger log = LoggerFactory.getLogger(DockerScheduler.class);
    private static final int MAX_QUANTITY = 100;

    private final Containers containers;
    private final OneOffs oneOffs;
    private final PredeployImages predeploys;
    private final Supervisor supervisor;
    private final Apps apps;
    private final Releases releases;
    private final Formations formations;
    private final LogStore logs;
    private final EventBus events;
    private final SchedulerSettings settings;
    private final ExecutorService workers;
    private final ScheduledExecutorService loop;
    private final AtomicInteger runs = new AtomicInteger();
    private final List<AutoCloseable> watches = new ArrayList<>();

    public DockerScheduler(DockerClient docker, EventBus events, Apps apps, Releases releases, Formations formations,
                           Traffic traffic, AppNetworks networks, LogStore logs, SchedulerSettings settings) {
        this.containers = new Containers(docker, settings, networks);
        this.predeploys = new PredeployImages(docker);
        this.oneOffs = new OneOffs(containers, predeploys);
        this.apps = apps;
        this.releases = releases;
        this.formations = formations;
        this.logs = logs;
        this.events = events;
        this.settings = settings;
        this.workers = Executors.newCachedThreadPool(DaemonThreads.named("scheduler"));
        this.loop = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("scheduler-loop"));
        this.supervisor = new Supervisor(containers, events, formations, traffic, logs, settings, workers);
    }

    @Override
    public void deploy(Release release, PushLog out) {
        AppName app = release.app();
        AppRuntime rt = supervisor.runtime(app);
        rt.lock.lock();
        try {
            // Heroku's app.json postdeploy sets a new app up once: before any release of it has served.
            boolean first = releases.current(app).isEmpty();
            logs.event(app, "deploying " + release.label());
            long memory = settings.memoryBytes();
            // From here on the release runs from the image with what predeploy wrote, if it wrote
            // anything: the release phase too, as on Dokku.
            Release running = oneOffs.predeploy(release, memory, out);
            oneOffs.deployScript(running, "release", running.processes().getOrDefault("release", ""), memory, out);
            Map<String, Slot> started = startAll(running, out);
            startedAgain(app, out, release.label() + " starts it");
            Map<String, Slot> old = new HashMap<>(rt.slots);
            rt.slots.clear();
            rt.slots.putAll(started);
            rt.release = running;
            supervisor.publish(app, rt);
            if (!started.isEmpty()) {
                out.info("traffic moved to " + release.label());
            }
            supervisor.nothingScaled(running).ifPresent(out::info);
            supervisor.retire(app, old.values());
            logs.event(app, "deployed " + release.label());
            predeploys.prune(running);
            oneOffs.postdeploy(running, running.manifest().postdeploy(), memory, out);
            if (first && !running.manifest().firstDeploy().isEmpty()) {
                out.info("the app's first deploy: app.json scripts.postdeploy runs once");
                oneOffs.postdeploy(running, running.manifest().firstDeploy(), memory, out);
            }
        } catch (RuntimeException e) {
            logs.event(app, "deploying " + release.label() + " failed: " + e.getMessage());
            throw e;
        } finally {
            rt.lock.unlock();
        }
    }

    /** Every instance of the new release, started in parallel; all or nothing. */
    private Map<String, Slot> startAll(Release release, PushLog out) {
        Map<String, CompletableFuture<Slot>> futures = new java.util.LinkedHashMap<>();
        supervisor.desired(release, false).forEach((type, quantity) -> {
            for (int n = 1; n <= quantity; n++) {
                InstanceSpec spec = InstanceSpec.formation(release, type, n, 0, supervisor.memory(release, type));
                out.step("Starting " + spec.instance() + " of " + release.label());
                futures.put(spec.instance(), CompletableFuture.supplyAsync(() -> supervisor.start(spec, out::error), workers));
            }
        });
        Map<String, Slot> started = new java.util.LinkedHashMap<>();
        RuntimeException failure = null;
        for (Map.Entry<String, CompletableFuture<Slot>> f : futures.entrySet()) {
            try {
                started.put(f.getKey(), f.getValue().join());
                out.info(f.getKey() + " is up");
            } catch (CompletionException e) {
                failure = failure != null ? failure : e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        if (failure != null) {
            supervisor.retire(release.app(), started.values());
            throw failure instanceof DeployFailedException ? failure : new DeployFailedException(failure.toString());
        }
        return started;
    }

    @Override
    public void scale(AppName app, Map<String, Integer> quantities, PushLog out) {
        AppRuntime rt = supervisor.runtime(app);
        Release release = deployed(rt, app);
        List<String> types = release.processes().keySet().stream().filter(t -> !t.equals("release")).toList();
        for (Map.Entry<String, Integer> q : quantities.entrySet()) {
            if (!types.contains(q.getKey())) {
                throw unknownType(app, q.getKey(), types);
            }
            if (q.getValue() < 0 || q.getValue() > MAX_QUANTITY) {
                throw new InvalidInputException(q.getKey() + "=" + q.getValue() + " is out of range: use 0 to " + MAX_QUANTITY);
            }
        }
        rt.lock.lock();
        try {
            formations.scale(app, quantities);
            logs.event(app, "scaled " + quantities);
            startedAgain(app, out, "it starts at this formation");
            supervisor.converge(app, out, true);
        } finally {
            rt.lock.unlock();
        }
    }

    private static Release deployed(AppRuntime rt, AppName app) {
        if (rt.release == null) {
            throw new InvalidInputException("app " + app + " has no deployed release; push it first");
        }
        return rt.release;
    }

    private static InvalidInputException unknownType(AppName app, String type, Collection<String> types) {
        return new InvalidInputException("unknown process type '" + type + "'; " + app + " has: "
                + (types.isEmpty() ? "none" : String.join(", ", types)) + " (a Procfile line " + type
                + ": COMMAND declares it)");
    }

    @Override
    public void restart(AppName app, String type, PushLog out) {
        AppRuntime rt = supervisor.runtime(app);
        rt.lock.lock();
        try {
            Release release = deployed(rt, app);
            if (!type.isEmpty() && !release.processes().containsKey(type)) {
                throw unknownType(app, type, release.processes().keySet());
            }
            if (startedAgain(app, out, "starting every process at its formation")) {
                supervisor.converge(app, out, true);
                return;
            }
            logs.event(app, "restarting " + (type.isEmpty() ? "all processes" : type));
            List<Slot> slots = rt.slots.values().stream().filter(s -> type.isEmpty() || s.type.equals(type))
                    .sorted(Comparator.comparing(Slot::name)).toList();
            for (Slot slot : slots) {
                InstanceSpec spec = InstanceSpec.formation(release, slot.type, slot.number, slot.restarts,
                        supervisor.memory(release, slot.type));
                Slot fresh = supervisor.start(spec, out::error);
                rt.slots.put(slot.name(), fresh);
                supervisor.publish(app, rt);
                supervisor.retire(app, List.of(slot));
                out.info(slot.name() + " restarted");
            }
        } finally {
            rt.lock.unlock();
        }
    }

    @Override
    public List<Instance> instances(AppName app) {
        AppRuntime rt = supervisor.runtime(app);
        String label = rt.release == null ? "" : rt.release.label();
        return rt.slots.values().stream().sorted(Comparator.comparing((Slot s) -> s.type).thenComparingInt(s -> s.number))
                .map(s -> new Instance(s.name(), s.type, s.number, s.state, s.since, s.restarts, label)).toList();
    }

    @Override
    public int run(Release release, List<String> command, Terminal terminal) {
        int number = runs.incrementAndGet();
        logs.event(release.app(), "run." + number + ": " + String.join(" ", command));
        InstanceSpec spec = InstanceSpec.oneOff(predeploys.resolve(release), "run", number, Labels.RUN_ROLE, command,
                settings.memoryBytes());
        int status = oneOffs.run(spec, terminal);
        logs.event(release.app(), "run." + number + " exited with status " + status);
        return status;
    }

    @Override
    public boolean stop(AppName app, PushLog out) {
        return underLock(app, () -> {
            if (!formations.stop(app)) {
                return false;
            }
            logs.event(app, "stopped");
            supervisor.converge(app, out, true);
            return true;
        });
    }

    @Override
    public boolean start(AppName app, PushLog out) {
        return underLock(app, () -> {
            boolean stopped = formations.start(app);
            if (stopped) {
                logs.event(app, "started");
            }
            supervisor.converge(app, out, true);
            return stopped;
        });
    }

    /**
     * Clears a stopped app's mark, for a scale, restart or release that starts it again, saying so
     * ({@code how}); false when it was not stopped.
     */
    private boolean startedAgain(AppName app, PushLog out, String how) {
        if (!formations.start(app)) {
            return false;
        }
        logs.event(app, "started (it was stopped): " + how);
        out.info(app + " was stopped (ps:stop): " + how);
        return true;
    }

    /** {@code change} of a deployed app, under its lock. */
    private boolean underLock(AppName app, java.util.function.BooleanSupplier change) {
        AppRuntime rt = supervisor.runtime(app);
        rt.lock.lock();
        try {
            deployed(rt, app);
            return change.getAsBoolean();
        } finally {
            rt.lock.unlock();
        }
    }

    @Override
    public boolean stopped(AppName app) {
        return formations.stopped(app);
    }

    @Override
    public void remove(AppName app) {
        AppRuntime rt = supervisor.runtime(app);
        rt.lock.lock();
        try {
            rt.release = null;
            rt.slots.values().forEach(s -> Supervisor.close(s.logs));
            rt.slots.clear();
            events.publish(new RoutesChanged(app, List.of()));
            for (String role : List.of(Labels.INSTANCE_ROLE, Labels.RUN_ROLE, "release", "predeploy", "postdeploy", "cron")) {
                containers.list(app.value(), role).forEach(o -> containers.remove(o.id()));
            }
            predeploys.removeCommitContainersQuietly(app);
            logs.remove(app);
        } finally {
            rt.lock.unlock();
            supervisor.runtimes.remove(app);
        }
    }

    @Override
    public void adopt() {
        for (var app : apps.list()) {
            releases.current(app.name()).ifPresent(r -> supervisor.runtime(app.name()).release = predeploys.resolve(r));
        }
        for (Containers.Observed o : containers.list(null, Labels.INSTANCE_ROLE)) {
            AppRuntime rt = o.app() == null ? null : supervisor.runtimes.get(AppName.of(o.app()));
            if (rt == null || rt.release == null || !rt.release.label().equals(o.release()) || !o.running()) {
                continue;
            }
            Slot slot = new Slot(o.type(), o.number());
            slot.containerId = o.id();
            slot.hostPort = o.target().hostPort();
            slot.direct = o.target().direct();
            slot.restarts = o.restarts();
            slot.state = "up";
            slot.since = o.created();
            slot.ready = slot.hostPort == 0 || Readiness.listens(o.target(), 2000);
            AppName app = AppName.of(o.app());
            slot.logs = containers.follow(o.id(), Instant.now(), line -> logs.write(app, slot.name(), line));
            rt.slots.put(slot.name(), slot);
        }
        supervisor.runtimes.forEach((app, rt) -> {
            supervisor.publish(app, rt);
            log.info("adopted {} instance(s) of {} {}", rt.slots.size(), app,
                    rt.release == null ? "(no release)" : rt.release.label());
        });
        events.subscribe(EndpointFailed.class, e -> workers.execute(() -> {
            supervisor.suspect(e.app(), e.endpoint());
            convergeIfIdle(e.app());
            supervisor.probe(e.app());
        }));
        watches.add(containers.watchDeaths(app -> {
            if (app != null) {
                workers.execute(() -> convergeIfIdle(AppName.of(app)));
            }
        }));
        long interval = settings.loopInterval().toMillis();
        loop.scheduleWithFixedDelay(() -> supervisor.runtimes.keySet().forEach(this::convergeIfIdle),
                interval, interval, TimeUnit.MILLISECONDS);
        loop.scheduleWithFixedDelay(() -> supervisor.runtimes.keySet().forEach(app -> workers.execute(() -> supervisor.probe(app))),
                10, 10, TimeUnit.SECONDS);
        watches.add(new CronRunner(supervisor, containers, oneOffs, logs, settings, loop));
    }

    /** A pass of the loop, unless a deploy, scale or restart holds the app. */
    private void convergeIfIdle(AppName app) {
        AppRuntime rt = supervisor.runtime(app);
        if (rt.lock.tryLock()) {
            try {
                supervisor.converge(app, PushLog.NOTHING, false);
            } catch (RuntimeException e) {
                log.warn("converging {} failed: {}", app, e.toString());
            } finally {
                rt.lock.unlock();
            }
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
        watches.forEach(Supervisor::close);
        supervisor.runtimes.values().forEach(rt -> rt.slots.values().forEach(s -> Supervisor.close(s.logs)));
        workers.shutdownNow();
    }
}

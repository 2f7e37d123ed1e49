package io.slipway.addons;

import io.slipway.core.Logs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every add-on's server running, as the scheduler keeps app instances running: a server
 * that stops is started again (its data is on its volume), with a back-off that doubles up to a
 * minute while it keeps failing, and a container that went missing is created again. It runs a
 * pass when the engine reports a server died, and every loop interval in case an event was missed.
 * No Docker restart policy is used: restarts go through here, so they are logged to the app and
 * never fight a restore, an expose or a destroy holding the add-on.
 */
final class AddonSupervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AddonSupervisor.class);
    private static final Duration HEALTHY_AFTER = Duration.ofSeconds(60);

    private final AddonStore store;
    private final AddonContainers containers;
    private final Provisioner provisioner;
    private final AddonLocks locks;
    private final Logs logs;
    private final AddonSettings settings;
    private final ExecutorService workers;
    private final Map<AddonRef, Health> health = new ConcurrentHashMap<>();
    private final Set<AddonRef> busy = ConcurrentHashMap.newKeySet();
    private final List<AutoCloseable> watches = new ArrayList<>();

    /** How a server has been doing: restarts so far and when the next one may happen. */
    static final class Health {
        int restarts;
        int failures;
        Instant notBefore = Instant.EPOCH;
        Instant upSince = Instant.now();

        Duration backoff(Duration max) {
            long seconds = Math.min(max.toSeconds(), 1L << Math.min(failures, 16));
            return Duration.ofSeconds(failures == 0 ? 0 : seconds);
        }
    }

    AddonSupervisor(AddonStore store, AddonContainers containers, Provisioner provisioner, AddonLocks locks, Logs logs,
                    AddonSettings settings, ExecutorService workers) {
        this.store = store;
        this.containers = containers;
        this.provisioner = provisioner;
        this.locks = locks;
        this.logs = logs;
        this.settings = settings;
        this.workers = workers;
    }

    /** Takes over the servers already running (after a daemon restart) and starts watching. */
    void start(ScheduledExecutorService loop) {
        List<AddonRecord> all = store.all();
        Set<AddonRef> known = all.stream().map(AddonRecord::ref).collect(Collectors.toSet());
        List<AddonContainers.Observed> observed = containers.list();
        long running = observed.stream().filter(o -> known.contains(o.ref()) && o.running()).count();
        observed.stream().filter(o -> !known.contains(o.ref()))
                .forEach(o -> log.warn("add-on container {} has no add-on in the store; leaving it alone", o.ref()));
        log.info("adopted {} running add-on server(s) of {}", running, all.size());
        known.forEach(ref -> workers.execute(() -> check(ref)));
        watches.add(containers.watchDeaths(ref -> workers.execute(() -> check(ref))));
        long interval = settings.loopInterval().toMillis();
        loop.scheduleWithFixedDelay(() -> store.all().forEach(a -> workers.execute(() -> check(a.ref()))), interval,
                interval, TimeUnit.MILLISECONDS);
    }

    /** Starts the add-on's server again if it is down, unless a change holds the add-on or it is backing off. */
    void check(AddonRef ref) {
        if (!busy.add(ref)) {
            return;
        }
        try (AddonLocks.Held held = locks.tryLock(ref)) {
            // Read under the lock: an add-on destroyed meanwhile must not be brought back.
            AddonRecord a = held == null ? null : store.find(ref).orElse(null);
            if (a == null) {
                return;
            }
            Health h = health.computeIfAbsent(ref, r -> new Health());
            var state = containers.state(ref.container());
            if (state.isPresent() && state.get().running()) {
                if (h.failures > 0 && Duration.between(h.upSince, Instant.now()).compareTo(HEALTHY_AFTER) > 0) {
                    h.failures = 0;
                }
                return;
            }
            if (Instant.now().isBefore(h.notBefore)) {
                return;
            }
            h.restarts++;
            h.failures++;
            h.notBefore = Instant.now().plus(h.backoff(settings.maxBackoff()));
            String how = state.map(s -> s.oomKilled() ? "out of memory" : "exit " + s.exitCode()).orElse("container gone");
            logs.event(ref.app(), "add-on " + ref.name() + " (" + a.service() + ") stopped (" + how + "); restarting it (restart "
                    + h.restarts + ")");
            log.info("add-on {} stopped ({}); restarting", ref, how);
            restart(a, state.isPresent());
            h.upSince = Instant.now();
        } catch (RuntimeException e) {
            log.warn("supervising add-on {} failed: {}", ref, e.toString());
            logs.event(ref.app(), "add-on " + ref.name() + " did not come back: " + e.getMessage());
        } finally {
            busy.remove(ref);
        }
    }

    private void restart(AddonRecord a, boolean exists) {
        if (exists) {
            containers.start(a.ref().container());
            provisioner.awaitReady(a);
        } else {
            provisioner.provision(a);
        }
        logs.event(a.ref().app(), "add-on " + a.ref().name() + " is up again");
    }

    /** Restarts so far, for {@code addons:info}. */
    int restarts(AddonRef ref) {
        Health h = health.get(ref);
        return h == null ? 0 : h.restarts;
    }

    void forget(AddonRef ref) {
        health.remove(ref);
    }

    @Override
    public void close() {
        for (AutoCloseable watch : watches) {
            try {
                watch.close();
            } catch (Exception e) {
                log.debug("closing the event watch: {}", e.toString());
            }
        }
    }
}

package io.slipway.builder;

import com.github.dockerjava.api.DockerClient;
import io.slipway.core.AppName;
import io.slipway.core.DaemonThreads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apps' build containers. After a build, off the push's path, the app's layer cache is
 * restored for the next build and the container removed, and a fresh container is started for
 * the app's next build (for the few apps built last), so a rebuild finds both ready.
 */
final class BuildContainers implements AutoCloseable {

    static final String ROLE = "build";
    static final String OWNER_LABEL = "io.slipway.owner";
    private static final Logger LOG = LoggerFactory.getLogger(BuildContainers.class);

    /** A container ready for the next build of an app, started from {@code image} with {@code memoryBytes}. */
    private record Spare(BuildContainer container, String image, long memoryBytes) {
    }

    /** A container for one build; {@code restored} when the cache needs no restore. */
    record Lease(BuildContainer container, boolean restored) {
    }

    private final DockerClient docker;
    private final String buildImage;
    private final int spares;
    private final String owner;
    private final ExecutorService cleanup = Executors.newSingleThreadExecutor(DaemonThreads.named("build-cleanup"));
    private final Map<AppName, CompletableFuture<Void>> cleanups = new ConcurrentHashMap<>();
    /** Apps whose cache was restored after their last build (known only to this run of the daemon). */
    private final Set<AppName> restored = ConcurrentHashMap.newKeySet();
    /** Spare containers, least recently built app first. */
    private final LinkedHashMap<AppName, Spare> spare = new LinkedHashMap<>();

    BuildContainers(DockerClient docker, String buildImage, int spares, String owner) {
        this.docker = docker;
        this.buildImage = buildImage;
        this.spares = spares;
        this.owner = owner;
    }

    /** A running build container for {@code app}: the spare one when it matches, else a new one. */
    Lease acquire(AppName app, String imageId, long memoryBytes, Map<String, String> env) {
        awaitCleanup(app);
        boolean cacheRestored = restored.remove(app);
        Spare ready;
        synchronized (spare) {
            ready = spare.remove(app);
        }
        if (ready != null && ready.image().equals(imageId) && ready.memoryBytes() == memoryBytes) {
            return new Lease(ready.container(), cacheRestored);
        }
        if (ready != null) {
            ready.container().close();
        }
        return new Lease(start(app, memoryBytes, env), cacheRestored);
    }

    /**
     * The build is over. When it succeeded ({@code layers} is what it exported), the cache is
     * restored and a spare container started; either way the container is removed.
     */
    void release(AppName app, BuildContainer container, LayerInventory layers, String imageId, long memoryBytes,
                 Map<String, String> env) {
        cleanups.put(app, CompletableFuture.runAsync(() -> {
            boolean ok = false;
            if (layers != null) {
                try {
                    restore(container, layers);
                    restored.add(app);
                    ok = true;
                } catch (RuntimeException e) {
                    LOG.warn("could not restore the layer cache of {} after its build: {}", app, e.getMessage());
                }
            }
            container.close();
            if (ok && spares > 0) {
                keepSpare(app, imageId, memoryBytes, env);
            }
        }, cleanup));
    }

    private void keepSpare(AppName app, String imageId, long memoryBytes, Map<String, String> env) {
        try {
            Spare started = new Spare(start(app, memoryBytes, env), imageId, memoryBytes);
            List<Spare> evicted = new ArrayList<>();
            synchronized (spare) {
                Spare previous = spare.put(app, started);
                if (previous != null) {
                    evicted.add(previous);
                }
                while (spare.size() > spares) {
                    AppName oldest = spare.keySet().iterator().next();
                    evicted.add(spare.remove(oldest));
                }
            }
            evicted.forEach(s -> s.container().close());
        } catch (RuntimeException e) {
            LOG.warn("could not start a spare build container for {}: {}", app, e.getMessage());
        }
    }

    /**
     * Restore: layers not marked {@code cache = true} start empty (their TOML stays), and no
     * buildpack's launch.toml or build.toml survives.
     */
    static void restore(BuildContainer container, LayerInventory inventory) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "rm -rf \"$@\" && find /layers -mindepth 2 -maxdepth 2"
                + " \\( -name launch.toml -o -name build.toml \\) -delete", "restore"));
        inventory.types().forEach((layer, types) -> {
            if (!types.cache()) {
                command.add("/layers/" + layer);
            }
        });
        container.capture(command, BuildContainer.USER);
    }

    /** The app is going: its spare container goes too, so its cache volume can be removed. */
    void remove(AppName app) {
        awaitCleanup(app);
        restored.remove(app);
        Spare gone;
        synchronized (spare) {
            gone = spare.remove(app);
        }
        if (gone != null) {
            gone.container().close();
        }
    }

    /**
     * Build containers a previous run of this daemon left behind (and those of a version that did
     * not label its owner); another daemon's on the same engine may be building.
     */
    void removeLeftovers() {
        for (var c : docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("io.slipway.role", ROLE))
                .exec()) {
            String of = c.getLabels() == null ? null : c.getLabels().get(OWNER_LABEL);
            if (of != null && !of.equals(owner)) {
                continue;
            }
            try {
                docker.removeContainerCmd(c.getId()).withForce(true).exec();
            } catch (RuntimeException e) {
                // already being removed
            }
        }
    }

    private BuildContainer start(AppName app, long memoryBytes, Map<String, String> env) {
        return BuildContainer.start(docker, buildImage,
                "slipway-build-" + app + "-" + UUID.randomUUID().toString().substring(0, 8), "slipway-cache-" + app,
                env, memoryBytes, Map.of("io.slipway.app", app.value(), "io.slipway.role", ROLE, OWNER_LABEL, owner));
    }

    private void awaitCleanup(AppName app) {
        CompletableFuture<Void> pending = cleanups.remove(app);
        if (pending != null) {
            pending.join();
        }
    }

    /** Finishes the clean-ups under way and removes the spare containers. */
    @Override
    public void close() {
        cleanup.shutdown();
        try {
            cleanup.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Spare> all;
        synchronized (spare) {
            all = new ArrayList<>(spare.values());
            spare.clear();
        }
        all.forEach(s -> s.container().close());
    }
}

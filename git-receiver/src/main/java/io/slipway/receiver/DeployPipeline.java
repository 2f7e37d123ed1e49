package io.slipway.receiver;

import io.slipway.core.AddonPlan;
import io.slipway.core.AppName;
import io.slipway.core.DeployFailedException;
import io.slipway.core.AppConfigurator;
import io.slipway.core.AppManifest;
import io.slipway.core.Builder;
import io.slipway.core.InvalidInputException;
import io.slipway.core.PushLog;
import io.slipway.core.Release;
import io.slipway.core.Scheduler;
import io.slipway.core.SourceTree;
import io.slipway.core.event.EventBus;
import io.slipway.core.event.ReleaseDeployed;
import io.slipway.core.store.ConfigVars;
import io.slipway.core.store.Releases;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * push → build → add-ons → release → schedule, for one commit of one app, reporting to the
 * pusher. It is also the {@link AppConfigurator} that config changes go through.
 */
public final class DeployPipeline implements AppConfigurator {

    /** Creates the add-ons a release's app.json asks for that the app lacks (the shape of {@code Addons.provision}). */
    public interface AddonProvisioner {

        /** For a platform without add-ons: a push whose app.json asks for any is refused. */
        AddonProvisioner NONE = (app, plans, log) -> {
            if (!plans.isEmpty()) {
                throw new InvalidInputException("app.json asks for add-ons (" + plans.get(0).plan()
                        + "), which this platform does not provide; remove its addons");
            }
        };

        void provision(AppName app, List<AddonPlan> plans, PushLog log);
    }

    private final Releases releases;
    private final ConfigVars config;
    private final Builder builder;
    private final Scheduler scheduler;
    private final AppLocks locks;
    private final Function<AppName, String> webUrl;
    private final EventBus events;
    private final AddonProvisioner addons;

    /** A pipeline whose pushes get no add-ons; {@link #withAddons} gives one that provisions them. */
    public DeployPipeline(Releases releases, ConfigVars config, Builder builder, Scheduler scheduler,
                          AppLocks locks, Function<AppName, String> webUrl, EventBus events) {
        this(releases, config, builder, scheduler, locks, webUrl, events, AddonProvisioner.NONE);
    }

    private DeployPipeline(Releases releases, ConfigVars config, Builder builder, Scheduler scheduler,
                           AppLocks locks, Function<AppName, String> webUrl, EventBus events, AddonProvisioner addons) {
        this.addons = addons;
        this.releases = releases;
        this.config = config;
        this.builder = builder;
        this.scheduler = scheduler;
        this.locks = locks;
        this.webUrl = webUrl;
        this.events = events;
    }

    /**
     * This pipeline, with pushes that create the add-ons app.json asks for. The add-on service
     * takes the pipeline as its {@link AppConfigurator}, so it is given here, after both exist;
     * both pipelines share the app locks.
     */
    public DeployPipeline withAddons(AddonProvisioner provisioner) {
        return new DeployPipeline(releases, config, builder, scheduler, locks, webUrl, events, provisioner);
    }

    /**
     * Builds and deploys {@code commit}; the release that was serving keeps serving when this
     * throws.
     */
    public Release deploy(AppName app, String commit, SourceTree source, PushLog log) throws Exception {
        try (AutoCloseable lock = locks.acquire(app, log)) {
            int version = releases.nextVersion(app);
            Map<String, String> env = config.all(app);
            log.step("Building " + app + " v" + version + " (" + commit.substring(0, 7) + ")");
            long started = System.nanoTime();
            Builder.BuiltImage image = builder.build(app, version, source, env, log);
            log.step(String.format(java.util.Locale.ROOT, "Built in %.2f s", (System.nanoTime() - started) / 1e9));
            nothingToRun(app, image.manifest(), log);
            if (!image.generatedConfig().isEmpty()) {
                config.set(app, image.generatedConfig());
                env.putAll(image.generatedConfig());
                log.info("generated config vars from app.json: " + String.join(", ", image.generatedConfig().keySet()));
            }
            if (!image.manifest().addons().isEmpty()) {
                addons.provision(app, image.manifest().addons(), log);
                env = config.all(app);
            }
            Release release = new Release(app, version, image.image(), commit, "Deploy " + commit.substring(0, 7),
                    Release.Status.PENDING, image.manifest(), env, Instant.now());
            releases.save(release);
            try {
                scheduler.deploy(release, log);
            } catch (RuntimeException e) {
                releases.save(release.withStatus(Release.Status.FAILED));
                throw e;
            }
            return finish(release, log);
        }
    }

    /**
     * A build that defines no process deploys, as on Heroku, with a warning, unless it would stop
     * the processes of the release that serves.
     */
    private void nothingToRun(AppName app, AppManifest manifest, PushLog log) {
        if (runs(manifest.processes())) {
            return;
        }
        String fix = "add a Procfile with a web process that listens on $PORT (web: COMMAND)";
        if (releases.current(app).filter(r -> runs(r.processes())).isPresent()) {
            throw new DeployFailedException("the build defines no process to run, and deploying it would stop the"
                    + " app's processes: " + fix + ", and push again");
        }
        log.info("WARNING: the app defines no process, so nothing will run (one-off `run` commands work): " + fix);
    }

    /** Whether {@code processes} name one that runs, beyond the release phase. */
    private static boolean runs(Map<String, String> processes) {
        return processes.keySet().stream().anyMatch(type -> !type.equals("release"));
    }

    /**
     * {@code work} done holding the app's lock, which pushes, rollbacks and config changes take too
     * (and {@link #deploy} again: it is reentrant).
     */
    public <T> T locked(AppName app, PushLog log, java.util.concurrent.Callable<T> work) throws Exception {
        try (AutoCloseable lock = locks.acquire(app, log)) {
            return work.call();
        }
    }

    /** The app's current release ({@code v3}), if one has deployed. */
    public Optional<String> current(AppName app) {
        return releases.current(app).map(Release::label);
    }

    /**
     * Rolls back to {@code target}: a new release with that release's image, manifest and config,
     * whose config also becomes the app's config again.
     */
    public Release rollback(AppName app, int target, PushLog log) throws Exception {
        try (AutoCloseable lock = locks.acquire(app, log)) {
            Release from = releases.find(app, target).orElseThrow(() -> new InvalidInputException(
                    "app " + app + " has no release v" + target + "; run 'releases " + app + "'"));
            if (from.status() != Release.Status.DEPLOYED) {
                throw new InvalidInputException("v" + target + " never deployed (" + from.status().name().toLowerCase()
                        + "); roll back to a release that did");
            }
            Release release = release(app, from.image(), from.commit(), from.manifest(), from.config(),
                    "Rollback to " + from.label(), log);
            config.replace(app, from.config());
            return release;
        }
    }

    /**
     * Deploys an image that exists already (a template's, a fork's source's) as the app's next
     * release, with {@code env} as its config; the app's lock serialises it with pushes.
     */
    public Release deployImage(AppName app, String image, String commit, AppManifest manifest, Map<String, String> env,
                               String description, PushLog log) throws Exception {
        try (AutoCloseable lock = locks.acquire(app, log)) {
            return release(app, image, commit, manifest, env, description, log);
        }
    }

    /** A new release of an existing image, deployed; marked failed (and rethrown) if it does not start. */
    private Release release(AppName app, String image, String commit, AppManifest manifest, Map<String, String> env,
                            String description, PushLog log) {
        Release release = new Release(app, releases.nextVersion(app), image, commit, description,
                Release.Status.PENDING, manifest, env, Instant.now());
        releases.save(release);
        try {
            scheduler.deploy(release, log);
        } catch (RuntimeException e) {
            releases.save(release.withStatus(Release.Status.FAILED));
            throw e;
        }
        return finish(release, log);
    }

    @Override
    public Optional<Release> apply(AppName app, Map<String, String> set, Set<String> unset, boolean restart,
                                   PushLog log) throws Exception {
        try (AutoCloseable lock = locks.acquire(app, log)) {
            Map<String, String> before = config.all(app);
            Map<String, String> after = new LinkedHashMap<>(before);
            after.putAll(set);
            unset.forEach(after::remove);
            config.replace(app, after);
            Optional<Release> current = releases.current(app);
            if (!restart || current.isEmpty()) {
                return Optional.empty();
            }
            String what = set.isEmpty() ? "Unset " + String.join(", ", unset)
                    : "Set " + String.join(", ", set.keySet()) + (unset.isEmpty() ? "" : "; unset " + String.join(", ", unset));
            try {
                return Optional.of(release(app, current.get().image(), current.get().commit(), current.get().manifest(),
                        after, what, log));
            } catch (DeployFailedException e) {
                config.replace(app, before);
                throw new DeployFailedException(e.getMessage() + "; the config change was not kept, and "
                        + current.get().label() + " serves with the config it had");
            } catch (RuntimeException e) {
                config.replace(app, before);
                throw e;
            }
        }
    }

    /**
     * The config as it is now, when it differs from the serving release's (changes made with
     * {@code --no-restart}), deployed as a new release; empty when there is nothing to apply.
     */
    public Optional<Release> applyPendingConfig(AppName app, PushLog log) throws Exception {
        try (AutoCloseable lock = locks.acquire(app, log)) {
            Optional<Release> current = releases.current(app);
            Map<String, String> now = config.all(app);
            if (current.isEmpty() || current.get().config().equals(now)) {
                return Optional.empty();
            }
            return Optional.of(release(app, current.get().image(), current.get().commit(), current.get().manifest(),
                    now, "Config changes made with --no-restart", log));
        }
    }

    private Release finish(Release release, PushLog log) {
        Release deployed = release.withStatus(Release.Status.DEPLOYED);
        releases.save(deployed);
        events.publish(new ReleaseDeployed(deployed));
        log.step("Released " + deployed.label());
        if (release.processes().containsKey("web")) {
            log.step(webUrl.apply(release.app()) + " deployed");
        }
        return deployed;
    }
}

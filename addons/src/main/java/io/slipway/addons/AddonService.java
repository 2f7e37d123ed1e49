package io.slipway.addons;

import com.github.dockerjava.api.DockerClient;
import io.slipway.core.AddonPlan;
import io.slipway.core.Addons;
import io.slipway.core.AppConfigurator;
import io.slipway.core.AppName;
import io.slipway.core.AppNetworks;
import io.slipway.core.DaemonThreads;
import io.slipway.core.InvalidInputException;
import io.slipway.core.Logs;
import io.slipway.core.PushLog;
import io.slipway.core.Scheduler.Terminal;
import io.slipway.core.store.Database;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Add-ons on the local Docker engine: each one a server container of a locally built image, a
 * named data volume and a private internal network that the attached apps' containers join.
 * Changes to one add-on are serialised; its config vars reach apps through {@link AppConfigurator},
 * which redeploys them with zero downtime. {@link #start()} adopts the servers already running
 * and starts supervising them and running scheduled backups.
 */
public final class AddonService implements Addons, AppNetworks, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AddonService.class);

    private final AddonStore store;
    private final AddonContainers containers;
    private final AddonImages images;
    private final Provisioner provisioner;
    private final BackupJobs backups;
    private final Consoles consoles;
    private final Attachments attachments;
    private final Exposure exposure;
    private final AddonLocks locks = new AddonLocks();
    private final Logs logs;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService workers = Executors.newCachedThreadPool(DaemonThreads.named("addons"));
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("addons-loop"));
    private final AddonSupervisor supervisor;
    private final BackupSchedules schedules;
    private final PlannedAddons planned;

    /** Backups go to {@code dataDir/backups}; image recipes are unpacked under {@code dataDir/tmp}. */
    public AddonService(DockerClient docker, Database db, Path dataDir, AppConfigurator configurator, Logs logs,
                        AddonSettings settings) {
        this(docker, new AddonStore(db), dataDir, configurator, logs, settings, Clock.systemUTC());
    }

    AddonService(DockerClient docker, AddonStore store, Path dataDir, AppConfigurator configurator, Logs logs,
                 AddonSettings settings, Clock clock) {
        this.store = store;
        this.containers = new AddonContainers(docker, settings);
        Execs execs = new Execs(docker);
        this.images = new AddonImages(docker, settings.stackImage(), dataDir.resolve("tmp"));
        this.provisioner = new Provisioner(containers, execs, settings);
        this.backups = new BackupJobs(store, locks, new Backups(dataDir.resolve("backups"), execs, clock), containers,
                provisioner, logs);
        this.consoles = new Consoles(docker);
        this.attachments = new Attachments(store, containers, configurator, logs);
        this.exposure = new Exposure(store, locks, containers, provisioner, logs);
        this.logs = logs;
        this.clock = clock;
        this.supervisor = new AddonSupervisor(store, containers, provisioner, locks, logs, settings, workers);
        this.schedules = new BackupSchedules(store::all, backups::scheduled, workers);
        this.planned = new PlannedAddons(store, attachments, (app, service, as, schedule, keep, out) ->
                create(app, service, as, schedule, keep, false, out));
    }

    /**
     * The networks of the add-ons attached to each app, read from the store alone: for the
     * scheduler, which is built before the {@link AppConfigurator} this service needs.
     */
    public static AppNetworks networks(Database db) {
        AddonStore store = new AddonStore(db);
        return app -> networks(store, app);
    }

    private static List<String> networks(AddonStore store, AppName app) {
        return store.attachmentsTo(app).stream().map(a -> a.addon().network()).distinct().toList();
    }

    /** Adopts the servers already running, and starts supervising them and the backup schedules. */
    public void start() {
        supervisor.start(loop);
        schedules.start(loop);
    }

    @Override
    public List<String> networks(AppName app) {
        return networks(store, app);
    }

    @Override
    public List<String> services() {
        return Service.ids();
    }

    @Override
    public Addon create(AppName app, String serviceId, Optional<Name> as, PushLog out) {
        return create(app, Service.of(serviceId), as, "", AddonRecord.DEFAULT_KEEP, true, out);
    }

    @Override
    public List<Addon> provision(AppName app, List<AddonPlan> plans, PushLog out) {
        return planned.provision(app, plans, out);
    }

    /** With {@code redeploy} false, the config vars wait for the release a push is deploying. */
    private Addon create(AppName app, Service service, Optional<Name> as, String schedule, int keep, boolean redeploy,
                         PushLog out) {
        Name name = as.orElseGet(() -> new Name(service.id()));
        String prefix = as.map(Name::varPrefix).orElse(service.defaultPrefix());
        AddonRef ref = new AddonRef(app, name);
        try (AddonLocks.Held held = locks.lock(ref)) {
            if (store.find(ref).isPresent()) {
                throw new InvalidInputException("app " + app + " already has an add-on named " + name
                        + "; name this one with --as NAME");
            }
            attachments.checkFree(app, ref, prefix);
            out.step("Creating add-on " + name + " (" + service + ") for " + app);
            long started = System.nanoTime();
            String image = images.ensure(service, out);
            AddonRecord a = new AddonRecord(ref, service, image, "", Credentials.generate(random), 0, schedule, keep,
                    clock.instant());
            provisioner.clearLeftovers(ref);
            try {
                provisioner.provision(a);
                a = a.withVersion(provisioner.version(a));
                store.insert(a, new AttachmentRecord(ref, app, prefix, clock.instant()));
            } catch (RuntimeException e) {
                quietly(() -> provisioner.teardown(ref));
                throw e;
            }
            out.info(String.format(Locale.ROOT, "%s accepts connections at %s (%.1f s)", a.version(), ref.alias(),
                    (System.nanoTime() - started) / 1e9));
            try {
                attachments.setVars(app, a, prefix, redeploy, out);
            } catch (RuntimeException e) {
                store.delete(ref);
                quietly(() -> provisioner.teardown(ref));
                throw e;
            }
            logs.event(app, "add-on " + name + " (" + a.version() + ") created");
            if (!schedule.isEmpty()) {
                out.info("backs up on \"" + schedule + "\" (UTC), keeping the newest " + keep);
                logs.event(app, "add-on " + name + " backs up on \"" + schedule + "\" (UTC), keeping " + keep);
            }
            return describe(a);
        }
    }

    @Override
    public List<Addon> list(AppName app) {
        Set<AddonRecord> all = new LinkedHashSet<>(store.ownedBy(app));
        for (AttachmentRecord t : store.attachmentsTo(app)) {
            store.find(t.addon()).ifPresent(all::add);
        }
        return all.stream().map(this::describe).toList();
    }

    @Override
    public Addon info(AppName app, Name name) {
        return describe(store.require(new AddonRef(app, name)));
    }

    @Override
    public Addon attach(AppName app, Name name, AppName to, PushLog out) {
        AddonRef ref = new AddonRef(app, name);
        try (AddonLocks.Held held = locks.lock(ref)) {
            AddonRecord a = store.require(ref);
            attachments.attach(a, to, out);
            return describe(a);
        }
    }

    @Override
    public Addon detach(AppName app, Name name, AppName from, PushLog out) {
        AddonRef ref = new AddonRef(app, name);
        try (AddonLocks.Held held = locks.lock(ref)) {
            AddonRecord a = store.require(ref);
            attachments.detach(a, from, true, out);
            return describe(a);
        }
    }

    @Override
    public void destroy(AppName app, Name name, PushLog out) {
        destroy(new AddonRef(app, name), true, out);
    }

    private void destroy(AddonRef ref, boolean unsetOnOwner, PushLog out) {
        try (AddonLocks.Held held = locks.lock(ref)) {
            AddonRecord a = store.require(ref);
            out.step("Destroying add-on " + ref.name() + " (" + a.service() + ") of " + ref.app());
            for (AttachmentRecord t : store.attachmentsOf(ref)) {
                boolean redeploy = unsetOnOwner || !t.app().equals(ref.app());
                try {
                    attachments.detach(a, t.app(), redeploy, out);
                } catch (RuntimeException e) {
                    out.error("could not take " + String.join(", ", a.service().varNames(t.prefix())) + " away from "
                            + t.app() + ": " + e.getMessage());
                    store.deleteAttachment(ref, t.app());
                }
            }
            provisioner.teardown(ref);
            store.delete(ref);
            supervisor.forget(ref);
            int kept = backups.count(ref);
            if (kept > 0) {
                out.info("its " + kept + " backup(s) stay in " + backups.dir(ref));
            }
            if (unsetOnOwner) {
                logs.event(ref.app(), "add-on " + ref.name() + " destroyed with its data volume");
            }
        }
    }

    @Override
    public void destroyAll(AppName app, PushLog out) {
        for (AddonRecord a : store.ownedBy(app)) {
            destroy(a.ref(), false, out);
        }
        for (AttachmentRecord t : store.attachmentsTo(app)) {
            store.deleteAttachment(t.addon(), app);
            containers.disconnectApp(t.addon().network(), app);
        }
    }

    /**
     * The source app's add-ons given to a new app (forks, apps made from templates; the shape of
     * the git-receiver's {@code TemplateService.AddonCopier}): {@code fresh} creates empty add-ons
     * of the same services and names, {@code copy} does so and restores a backup of each one's
     * data into it, {@code attach} shares the source's add-ons, {@code none} gives nothing.
     */
    public void copy(AppName source, AppName target, String mode, PushLog out) {
        if (!List.of("fresh", "copy", "attach", "none").contains(mode)) {
            throw new InvalidInputException("unknown add-on mode '" + mode + "'; use fresh, copy, attach or none");
        }
        for (AddonRecord a : "none".equals(mode) ? List.<AddonRecord>of() : store.ownedBy(source)) {
            Name name = a.ref().name();
            if ("attach".equals(mode)) {
                attach(source, name, target, out);
                continue;
            }
            boolean named = !name.value().equals(a.service().id());
            create(target, a.service().id(), named ? Optional.of(name) : Optional.empty(), out);
            if ("copy".equals(mode) && a.service().backsUp()) {
                backups.copyData(a.ref(), new AddonRef(target, name), out);
            }
        }
    }

    @Override
    public Addon expose(AppName app, Name name, int port, PushLog out) {
        return describe(exposure.expose(new AddonRef(app, name), port, out));
    }

    @Override
    public Addon unexpose(AppName app, Name name, PushLog out) {
        return describe(exposure.unexpose(new AddonRef(app, name), out));
    }

    @Override
    public Backup backup(AppName app, Name name, PushLog out) {
        return backups.backup(new AddonRef(app, name), out);
    }

    @Override
    public List<Backup> backups(AppName app, Name name) {
        return backups.list(new AddonRef(app, name));
    }

    @Override
    public void restore(AppName app, Name name, String backup, PushLog out) {
        backups.restore(new AddonRef(app, name), backup, out);
    }

    @Override
    public Addon schedule(AppName app, Name name, String cron, int keep) {
        return describe(backups.schedule(new AddonRef(app, name), cron, keep));
    }

    @Override
    public int connect(AppName app, Name name, Optional<String> command, Terminal terminal) {
        AddonRecord a = store.require(new AddonRef(app, name));
        logs.event(app, "addons:connect to add-on " + name);
        return consoles.connect(a, command, terminal);
    }

    private Addon describe(AddonRecord a) {
        AddonRef ref = a.ref();
        String state = containers.state(ref.container())
                .map(s -> s.running() ? "running" : "stopped (exit " + s.exitCode() + ")").orElse("missing");
        int restarts = supervisor.restarts(ref);
        if (restarts > 0) {
            state += ", restarted " + restarts + " time(s)";
        }
        List<Addons.Attachment> seenBy = new ArrayList<>();
        for (AttachmentRecord t : store.attachmentsOf(ref)) {
            seenBy.add(new Addons.Attachment(t.app(), a.service().varNames(t.prefix())));
        }
        return new Addon(ref.app(), ref.name(), a.service().id(), a.version(), state, a.createdAt(),
                a.service().maskedUrl(ref.alias(), a.credentials()), ref.alias(), ref.volume(), ref.network(),
                a.exposedPort(), a.backupSchedule(), a.backupKeep(), seenBy);
    }

    private static void quietly(Runnable cleanup) {
        try {
            cleanup.run();
        } catch (RuntimeException e) {
            log.warn("clean-up after a failed add-on change failed too: {}", e.toString());
        }
    }

    @Override
    public void close() {
        schedules.close();
        supervisor.close();
        loop.shutdownNow();
        workers.shutdownNow();
    }
}

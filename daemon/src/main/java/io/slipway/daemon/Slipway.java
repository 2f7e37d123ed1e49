package io.slipway.daemon;

import com.github.dockerjava.api.DockerClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.slipway.addons.AddonService;
import io.slipway.addons.AddonSettings;
import io.slipway.builder.BuildSettings;
import io.slipway.builder.BundledBuildpacks;
import io.slipway.builder.DockerBuilder;
import io.slipway.core.AppName;
import io.slipway.core.event.EventBus;
import io.slipway.core.store.Apps;
import io.slipway.core.store.ConfigVars;
import io.slipway.core.access.Access;
import io.slipway.core.store.Audit;
import io.slipway.core.store.Database;
import io.slipway.core.store.Domains;
import io.slipway.core.store.Members;
import io.slipway.core.store.Templates;
import io.slipway.core.store.Formations;
import io.slipway.core.store.Releases;
import io.slipway.core.store.RouterOptionStore;
import io.slipway.core.store.Users;
import io.slipway.receiver.AppLifecycle;
import io.slipway.receiver.AppLocks;
import io.slipway.receiver.DeployPipeline;
import io.slipway.receiver.GitSshServer;
import io.slipway.receiver.PlatformCommands;
import io.slipway.receiver.Repositories;
import io.slipway.receiver.TemplateService;
import io.slipway.receiver.cli.Cli;
import io.slipway.receiver.cli.Services;
import io.slipway.receiver.tls.CertificateFiles;
import io.slipway.router.IoTransport;
import io.slipway.router.RouteTable;
import io.slipway.router.Router;
import io.slipway.router.RouterSettings;
import io.slipway.scheduler.DockerScheduler;
import io.slipway.scheduler.LogStore;
import io.slipway.scheduler.SchedulerSettings;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The whole platform in one process: state, SSH, builder, scheduler, router, admin port. */
public final class Slipway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Slipway.class);
    private static final long LOG_CAP_BYTES = 10L << 20;

    private final Deque<AutoCloseable> resources;
    private final GitSshServer ssh;
    private final Router router;
    private final AdminServer admin;
    private final Settings settings;

    private Slipway(Deque<AutoCloseable> resources, GitSshServer ssh, Router router, AdminServer admin,
                    Settings settings) {
        this.resources = resources;
        this.ssh = ssh;
        this.router = router;
        this.admin = admin;
        this.settings = settings;
    }

    public static Slipway start(Settings settings) throws IOException {
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            Path data = Files.createDirectories(settings.dataDir());
            Path tmp = Files.createDirectories(data.resolve("tmp"));
            Database db = Database.open(data.resolve("slipway.db"));
            resources.push(db);
            Apps apps = new Apps(db);
            Releases releases = new Releases(db);
            Users users = new Users(db);
            Domains domains = new Domains(db);
            AdminKeys.install(users, settings.adminKey());

            EventBus events = new EventBus();
            RouterOptionStore routerOptions = new RouterOptionStore(db);
            RouteTable routes = routes(settings, events, apps, domains, routerOptions);
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            Vertx vertx = settings.transport().vertx(Runtime.getRuntime().availableProcessors());
            log.info("network transport: {}", IoTransport.of(vertx).label());
            resources.push(() -> vertx.close().toCompletionStage().toCompletableFuture().get());
            RouterSettings routerSettings = RouterSettings.of(settings.bindHost(), settings.httpPort());
            Path certs = data.resolve("certs");
            if (settings.httpsPort() >= 0) {
                routerSettings = routerSettings.withHttps(settings.httpsPort(), Files.createDirectories(certs));
            }
            Router router = Router.start(vertx, routerSettings, routes, events, metrics)
                    .toCompletionStage().toCompletableFuture().get();
            resources.push(router);
            int httpPort = router.port();

            DockerClient docker = DockerClients.connect();
            resources.push(docker);
            BundledBuildpacks.load(settings.buildpacksDir());
            Repositories repositories = new Repositories(data.resolve("repos"));
            DockerBuilder builder = new DockerBuilder(docker, settings.buildpacksDir(), BuildSettings.defaults(tmp),
                    repositories::deployed, AddonService.networks(db));
            resources.push(builder);
            builder.removeLeftovers();
            LogStore logs = new LogStore(data.resolve("logs"), LOG_CAP_BYTES);
            Formations formations = new Formations(db);
            DockerScheduler scheduler = new DockerScheduler(docker, events, apps, releases, formations, router.traffic(),
                    AddonService.networks(db), logs, SchedulerSettings.defaults().withBootTimeout(settings.bootTimeout())
                            .withHttpsPort(router.httpsPort().orElse(-1)));
            resources.push(scheduler);
            scheduler.adopt();

            ConfigVars config = new ConfigVars(db);
            DeployPipeline configReleases = new DeployPipeline(releases, config, builder, scheduler,
                    new AppLocks(), app -> webUrl(app, settings.domain(), httpPort), events);
            AddonService addons = new AddonService(docker, db, data, configReleases, logs, AddonSettings.defaults());
            resources.push(addons);
            addons.start();
            DeployPipeline pipeline = configReleases.withAddons(addons::provision);
            Members members = new Members(db);
            Audit audit = new Audit(db);
            Access access = new Access(apps, users, members);
            AppLifecycle lifecycle = new AppLifecycle(apps, users, domains, repositories, builder, scheduler, addons, events);
            java.util.concurrent.atomic.AtomicInteger sshPort = new java.util.concurrent.atomic.AtomicInteger(settings.sshPort());
            Services.Urls urls = new Services.Urls(
                    app -> "ssh://git@" + settings.domain() + ":" + sshPort.get() + "/" + app + ".git",
                    app -> webUrl(app, settings.domain(), httpPort));
            TemplateService templates = new TemplateService(apps, releases, new Templates(db), config, formations,
                    repositories, lifecycle, pipeline, access, new AddonCopies(addons, data.resolve("backups")), routerOptions, events);
            Cli cli = new Cli(new Services(apps, releases, config, scheduler, logs, pipeline, lifecycle, users, members,
                    domains, audit, access, events, urls, templates, addons,
                    new CertificateFiles(certs, settings.domain(), settings.httpsPort() >= 0), routerOptions));
            GitSshServer ssh = GitSshServer.start(settings.bindHost(), settings.sshPort(),
                    data.resolve("ssh_host_ec_key"), new GitSshServer.Wiring(users, apps, repositories, pipeline,
                            lifecycle, access, audit, new PlatformCommands(cli)));
            resources.push(ssh);
            sshPort.set(ssh.port());

            new JvmMemoryMetrics().bindTo(metrics);
            new JvmThreadMetrics().bindTo(metrics);
            Gauge.builder("slipway_apps", () -> apps.list().size()).description("apps on this platform").register(metrics);
            Map<String, Supplier<Boolean>> checks = new LinkedHashMap<>();
            checks.put("ssh", ssh::isOpen);
            checks.put("router", () -> router.port() > 0);
            checks.put("docker", () -> {
                docker.pingCmd().exec();
                return true;
            });
            AdminServer admin = AdminServer.start(vertx, settings.bindHost(), settings.adminPort(), checks, metrics,
                    router::stats).toCompletionStage().toCompletableFuture().get();
            resources.push(admin);
            return new Slipway(resources, ssh, router, admin, settings);
        } catch (Exception e) {
            closeAll(resources);
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("the platform did not start: " + e.getMessage(), e);
        }
    }

    /** The route table, seeded from the store; it keeps itself current from the events. */
    private static RouteTable routes(Settings settings, EventBus events, Apps apps, Domains domains,
                                     RouterOptionStore options) {
        RouteTable routes = new RouteTable(settings.domain()).listenTo(events);
        apps.list().forEach(a -> routes.addApp(a.name()));
        domains.all().forEach((domain, app) -> routes.addDomain(app, domain));
        options.all().forEach(routes::setOptions);
        return routes;
    }

    static String webUrl(AppName app, String domain, int httpPort) {
        return "http://" + app + "." + domain + (httpPort == 80 ? "" : ":" + httpPort);
    }

    public int sshPort() {
        return ssh.port();
    }

    public int httpPort() {
        return router.port();
    }

    public int adminPort() {
        return admin.port();
    }

    /** The HTTPS port, or -1 when the router serves HTTP only. */
    public int httpsPort() {
        return router.httpsPort().orElse(-1);
    }

    /** The line scripts and tests wait for. */
    public String readyLine() {
        return "slipway ready ssh=" + sshPort() + " http=" + httpPort() + (httpsPort() >= 0 ? " https=" + httpsPort() : "")
                + " admin=" + adminPort() + " domain=" + settings.domain() + " data=" + settings.dataDir();
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", resource, e.toString());
            }
        }
    }
}

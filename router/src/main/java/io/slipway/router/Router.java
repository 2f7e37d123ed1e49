package io.slipway.router;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.core.Traffic;
import io.slipway.core.event.CertificatesChanged;
import io.slipway.core.event.EventBus;
import io.slipway.router.impl.Certificates;
import io.slipway.router.impl.ProxyVerticle;
import io.slipway.router.impl.RouterCore;
import io.slipway.router.impl.RouterMetrics;
import io.slipway.router.impl.Stats;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP(S) front door: every request to every app passes through here. One listener and one
 * set of connection pools per event loop ({@link RouterSettings#eventLoops()}), all reading the
 * same live {@link RouteTable}.
 */
public final class Router implements AutoCloseable {

    /** Names each random port shared by one router's event loops; unique within the process. */
    private static final AtomicInteger NEXT_SHARED_PORT_ID = new AtomicInteger();

    private final Vertx vertx;
    private final RouterCore core;
    private final RouteTable routes;
    private final String deployment;
    private final Certificates certificates;

    private Router(Vertx vertx, RouterCore core, RouteTable routes, String deployment,
                   Certificates certificates) {
        this.vertx = vertx;
        this.core = core;
        this.routes = routes;
        this.deployment = deployment;
        this.certificates = certificates;
    }

    /** A router whose ejections are heard by nobody and whose meters are kept in memory. */
    public static Future<Router> start(Vertx vertx, RouterSettings settings, RouteTable routes) {
        return start(vertx, settings, routes, new EventBus(), new SimpleMeterRegistry());
    }

    /**
     * Starts listening. Instances the router ejects are published on {@code events} as
     * {@link io.slipway.core.event.EndpointFailed}; a {@link CertificatesChanged} there reloads
     * the HTTPS certificates at once; meters go to {@code registry}.
     */
    public static Future<Router> start(Vertx vertx, RouterSettings settings, RouteTable routes, EventBus events,
                                       MeterRegistry registry) {
        Future<Certificates> loading = settings.httpsPort().isPresent()
                ? vertx.executeBlocking(() -> Certificates.load(vertx, settings.certificates().orElseThrow()))
                : Future.succeededFuture(null);
        return loading.compose(certificates -> {
            RouterCore core = new RouterCore(vertx, settings, routes.routing(), events, new RouterMetrics(registry),
                    certificates);
            Gauge.builder("slipway.router.connections", core, RouterCore::connections)
                    .description("client connections open to the router").strongReference(true).register(registry);
            SocketAddress http = listenAddress(settings.host(), settings.port());
            SocketAddress https = settings.httpsPort().isPresent()
                    ? listenAddress(settings.host(), settings.httpsPort().getAsInt()) : null;
            return vertx.deployVerticle(() -> new ProxyVerticle(core, http, https),
                    new DeploymentOptions().setInstances(settings.eventLoops())).map(id -> {
                if (certificates != null) {
                    certificates.watch(settings.certificateReload().toMillis(), core::certificatesChanged);
                    events.subscribe(CertificatesChanged.class, e -> certificates.refresh());
                }
                return new Router(vertx, core, routes, id, certificates);
            }).onFailure(e -> {
                if (certificates != null) {
                    certificates.close();
                }
            });
        });
    }

    /**
     * Every event loop listens on the same address. Port 0 becomes a random port that all of them
     * share: Vert.x shares a listening socket only between servers asking for the same address.
     */
    private static SocketAddress listenAddress(String host, int port) {
        return port == 0 ? SocketAddress.sharedRandomPort(NEXT_SHARED_PORT_ID.incrementAndGet(), host)
                : SocketAddress.inetSocketAddress(port, host);
    }

    /** The HTTP port actually bound (useful when configured as 0). */
    public int port() {
        return core.httpPort();
    }

    /** The HTTPS port actually bound, when HTTPS is on. */
    public OptionalInt httpsPort() {
        int port = core.httpsPort();
        return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** The domains that have an HTTPS certificate now ({@code *.example.com} for wildcards). */
    public List<String> certificateDomains() {
        return certificates == null ? List.of() : certificates.current().domains();
    }

    /** Waits for instances to drain, for the scheduler: the route table's in-flight counts. */
    public Traffic traffic() {
        return routes;
    }

    /** The live figures, for {@code GET /stats}. */
    public RouterStats stats() {
        return Stats.take(core);
    }

    @Override
    public void close() {
        if (certificates != null) {
            certificates.close();
        }
        vertx.undeploy(deployment).await();
    }
}

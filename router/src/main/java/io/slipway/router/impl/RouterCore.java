package io.slipway.router.impl;

import io.slipway.core.event.EndpointFailed;
import io.slipway.core.event.EventBus;
import io.slipway.router.IoTransport;
import io.slipway.router.RouterSettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every event loop of the router shares: the route table, settings, meters, the event bus,
 * the certificates, and the verdicts on failing instances.
 */
public final class RouterCore {

    private static final Logger log = LoggerFactory.getLogger(RouterCore.class);

    final Vertx vertx;
    /** The network transport under the event loops, as {@code GET /stats} names it. */
    final String transport;
    final RouterSettings settings;
    final Routing routing;
    final RouterMetrics metrics;
    private final EventBus events;
    private final Certificates certificates;
    private final List<HttpServer> httpsServers = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile HttpServerOptions httpsOptions;
    final long idleTimeoutNanos;
    volatile int httpPort;
    volatile int httpsPort = -1;

    public RouterCore(Vertx vertx, RouterSettings settings, Routing routing, EventBus events, RouterMetrics metrics,
                      Certificates certificates) {
        this.vertx = vertx;
        this.transport = IoTransport.of(vertx).label();
        this.settings = settings;
        this.routing = routing;
        this.events = events;
        this.metrics = metrics;
        this.certificates = certificates;
        this.idleTimeoutNanos = settings.idleTimeout().toNanos();
    }

    public int httpPort() {
        return httpPort;
    }

    public int httpsPort() {
        return httpsPort;
    }

    public int connections() {
        return connections.get();
    }

    Certificates certificates() {
        return certificates;
    }

    void connectionOpened() {
        connections.incrementAndGet();
    }

    void connectionClosed() {
        connections.decrementAndGet();
    }

    void httpsServer(HttpServer server, HttpServerOptions options) {
        httpsOptions = options;
        httpsServers.add(server);
    }

    void httpsServerClosed(HttpServer server) {
        httpsServers.remove(server);
    }

    /** New certificates for every HTTPS listener; new handshakes use them, open connections keep theirs. */
    public void certificatesChanged(Certificates.Snapshot snapshot) {
        HttpServerOptions options = httpsOptions;
        if (options == null) {
            return;
        }
        ServerSSLOptions ssl = options.getSslOptions().copy().setKeyCertOptions(snapshot);
        for (HttpServer server : httpsServers) {
            server.updateSSLOptions(ssl, true)
                    .onFailure(e -> log.warn("HTTPS certificates were not updated: {}", e.toString()));
        }
    }

    void connectFailed(Upstream upstream, Throwable error) {
        metrics.of(upstream.app).connectError();
        if (upstream.connectFailed(System.nanoTime(), settings.ejectionBase(), settings.ejectionMax())) {
            ejected(upstream, "refused or did not accept a connection: " + describe(error));
        }
    }

    void timedOut(Upstream upstream) {
        metrics.of(upstream.app).timeoutError();
        if (upstream.timedOut(System.nanoTime(), settings.timeoutsBeforeEjection(), settings.ejectionBase(),
                settings.ejectionMax())) {
            ejected(upstream, "did not answer within the first-byte timeout");
        }
    }

    void failed(Upstream upstream) {
        metrics.of(upstream.app).resetError();
        upstream.failed();
    }

    private void ejected(Upstream upstream, String reason) {
        metrics.of(upstream.app).ejection();
        log.warn("instance {} of {} at {} {}; left out for a while", upstream.endpoint.instance(),
                upstream.app.name, upstream.endpoint.address(), reason);
        EndpointFailed event = new EndpointFailed(upstream.app.name, upstream.endpoint, reason);
        // Listeners (the scheduler) may block: never on an event loop.
        vertx.executeBlocking(() -> {
            events.publish(event);
            return null;
        }, false);
    }

    static String describe(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        // NIO says "Connection refused: /127.0.0.1:4000", epoll "finishConnect(..) failed with error(-111):
        // Connection refused: /127.0.0.1:4000"; the address is said elsewhere.
        return message.contains("Connection refused") ? "connection refused" : message;
    }
}

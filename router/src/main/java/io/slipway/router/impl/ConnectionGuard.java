package io.slipway.router.impl;

import io.netty.channel.ChannelPipeline;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes client connections that hold a slot without asking for anything (slowloris).
 *
 * <p>Before its first request a connection must deliver a complete request head within the header
 * timeout. With h2c on, Vert.x creates the HTTP connection (and calls us) only once that head has
 * arrived, so that phase is guarded inside Netty: the listener's idle handler is set to fire when
 * the server has written nothing for the header timeout, which before the first response means
 * "no complete request yet", however slowly bytes trickle in. When the first request arrives,
 * {@link #started} removes that handler: from then on a request in flight is watched by the
 * {@link Watchdog}, and a sweep here every fraction of a timeout closes connections that carry no
 * request for the idle timeout (a kept-alive connection trickling its next head included).
 * One guard per event loop, touched only there.
 */
final class ConnectionGuard implements Handler<HttpConnection>, AutoCloseable {

    /** The name Vert.x gives its {@code IdleStateHandler} in a connection's pipeline. */
    private static final String IDLE = "idle";
    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);

    /** One client connection: how many requests run on it, and since when it has been waiting. */
    static final class Watch {
        private HttpConnection connection;
        private final SocketAddress remote;
        private long waitingSince;
        private int busy;
        private boolean served;

        private Watch(HttpConnection connection, long now) {
            this.connection = connection;
            this.remote = connection.remoteAddress();
            this.waitingSince = now;
        }
    }

    private final Vertx vertx;
    private final RouterCore core;
    private final long headerTimeout;
    private final long idleTimeout;
    private final Map<HttpConnection, Watch> byConnection = new HashMap<>();
    /** HTTP/1 connections upgraded to h2c change object but keep their socket. */
    private final Map<SocketAddress, Watch> byRemote = new HashMap<>();
    private final long timer;
    private boolean warned;

    ConnectionGuard(Vertx vertx, RouterCore core) {
        this.vertx = vertx;
        this.core = core;
        this.headerTimeout = core.settings.headerTimeout().toNanos();
        this.idleTimeout = core.settings.idleTimeout().toNanos();
        long period = Math.max(50, Math.min(1000, Math.min(core.settings.headerTimeout().toMillis(),
                core.settings.idleTimeout().toMillis()) / 4));
        this.timer = vertx.setPeriodic(period, t -> sweep());
    }

    @Override
    public void handle(HttpConnection connection) {
        Watch watch = adopt(connection);
        if (watch == null) {
            watch = new Watch(connection, System.nanoTime());
            byConnection.put(connection, watch);
            if (watch.remote != null) {
                byRemote.put(watch.remote, watch);
            }
            core.connectionOpened();
        }
        Watch closing = watch;
        connection.closeHandler(v -> closed(closing, connection));
    }

    /** A request head arrived on the connection; the returned watch is handed back to {@link #done}. */
    Watch started(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        Watch watch = byConnection.get(connection);
        if (watch == null) {
            watch = adopt(connection);
            if (watch == null) {
                return null;
            }
        }
        watch.busy++;
        if (!watch.served) {
            watch.served = true;
            steady(connection);
        }
        return watch;
    }

    /**
     * Removes the pre-request idle handler (server silent for the header timeout). Reaches into
     * Vert.x's connection for its Netty pipeline: Vert.x offers no public hook before the first
     * request, and {@code RouterIT} fails if a Vert.x upgrade moves this.
     */
    private void steady(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            ChannelPipeline pipeline = base.channel().pipeline();
            if (pipeline.get(IDLE) != null) {
                pipeline.remove(IDLE);
            }
        } else if (!warned) {
            warned = true;
            log.error("cannot reach the Netty pipeline of {}; slow requests may be cut after the header timeout",
                    connection.getClass().getName());
        }
    }

    void done(Watch watch) {
        if (watch != null && --watch.busy <= 0) {
            watch.busy = 0;
            watch.waitingSince = System.nanoTime();
        }
    }

    private Watch adopt(HttpConnection connection) {
        SocketAddress remote = connection.remoteAddress();
        Watch watch = remote == null ? null : byRemote.get(remote);
        if (watch != null && watch.connection != connection) {
            byConnection.remove(watch.connection);
            watch.connection = connection;
            byConnection.put(connection, watch);
        }
        return watch;
    }

    private void closed(Watch watch, HttpConnection connection) {
        if (watch.connection != connection) {
            return;
        }
        byConnection.remove(connection);
        if (watch.remote != null) {
            byRemote.remove(watch.remote, watch);
        }
        core.connectionClosed();
    }

    private void sweep() {
        long now = System.nanoTime();
        List<Watch> expired = null;
        for (Watch watch : byConnection.values()) {
            long limit = watch.served ? idleTimeout : headerTimeout;
            if (watch.busy == 0 && now - watch.waitingSince > limit) {
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(watch);
            }
        }
        if (expired != null) {
            for (Watch watch : expired) {
                // Pushed forward so a slow close is not asked twice.
                watch.waitingSince = now;
                watch.connection.close();
            }
        }
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
    }
}

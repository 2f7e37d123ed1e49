package io.slipway.router.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpConnectOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Kept-alive HTTP/1.1 connections to the instances, one pool per event loop: a connection is made
 * on the loop that uses it, so the bytes of an exchange never change threads. Sized by the load
 * itself: a request takes an idle connection or opens one (the instance concurrency cap bounds
 * how many), and gives it back when its exchange ended cleanly. Idle connections are closed after
 * the upstream keep-alive time, and at once when their instance leaves the routes. Vert.x's own
 * pool does the same with more bookkeeping per request (endpoint lookup, lease, wait queue).
 */
final class ConnectionPool implements AutoCloseable {

    /** A connection this pool made; closed ones are skipped when met. */
    static final class Pooled {
        final HttpClientConnection connection;
        final Upstream upstream;
        long idleSince;
        boolean closed;

        private Pooled(HttpClientConnection connection, Upstream upstream) {
            this.connection = connection;
            this.upstream = upstream;
        }
    }

    private final HttpClientAgent client;
    private final Vertx vertx;
    private final long keepAliveNanos;
    private final Map<Upstream, ArrayDeque<Pooled>> idle = new HashMap<>();
    private final long timer;
    /** The last instance used and its idle connections: most exchanges on a loop go to few instances. */
    private Upstream lastUpstream;
    private ArrayDeque<Pooled> lastIdle;

    ConnectionPool(Vertx vertx, HttpClientAgent client, long keepAliveNanos) {
        this.vertx = vertx;
        this.client = client;
        this.keepAliveNanos = keepAliveNanos;
        this.timer = vertx.setPeriodic(Math.max(100, Math.min(1000, keepAliveNanos / 4_000_000)), t -> sweep());
    }

    /** An idle connection to {@code upstream}, most recently used first; null when there is none. */
    Pooled idle(Upstream upstream) {
        ArrayDeque<Pooled> connections = upstream == lastUpstream ? lastIdle : idle.get(upstream);
        if (connections == null) {
            return null;
        }
        for (Pooled pooled = connections.pollLast(); pooled != null; pooled = connections.pollLast()) {
            if (!pooled.closed) {
                return pooled;
            }
        }
        return null;
    }

    /** A new connection to {@code upstream}, made on the calling event loop. */
    Future<Pooled> open(Upstream upstream) {
        return client.connect(new HttpConnectOptions().setServer(upstream.address)).map(connection -> {
            Pooled pooled = new Pooled(connection, upstream);
            connection.closeHandler(v -> pooled.closed = true);
            return pooled;
        });
    }

    /** Takes back a connection whose exchange ended cleanly; others are closed by their owner. */
    void release(Pooled pooled) {
        if (pooled.closed) {
            return;
        }
        if (!pooled.upstream.routed) {
            pooled.connection.close();
            return;
        }
        pooled.idleSince = System.nanoTime();
        ArrayDeque<Pooled> connections = pooled.upstream == lastUpstream ? lastIdle
                : idle.computeIfAbsent(pooled.upstream, u -> new ArrayDeque<>());
        connections.addLast(pooled);
        lastUpstream = pooled.upstream;
        lastIdle = connections;
    }

    private void sweep() {
        long now = System.nanoTime();
        List<Upstream> empty = null;
        for (Map.Entry<Upstream, ArrayDeque<Pooled>> entry : idle.entrySet()) {
            boolean gone = !entry.getKey().routed;
            ArrayDeque<Pooled> connections = entry.getValue();
            // Oldest first: stop at the first one still fresh.
            for (Iterator<Pooled> it = connections.iterator(); it.hasNext(); ) {
                Pooled pooled = it.next();
                if (pooled.closed) {
                    it.remove();
                } else if (gone || now - pooled.idleSince > keepAliveNanos) {
                    it.remove();
                    pooled.connection.close();
                } else {
                    break;
                }
            }
            if (connections.isEmpty()) {
                if (empty == null) {
                    empty = new ArrayList<>();
                }
                empty.add(entry.getKey());
            }
        }
        if (empty != null) {
            empty.forEach(idle::remove);
            if (empty.contains(lastUpstream)) {
                lastUpstream = null;
                lastIdle = null;
            }
        }
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
        idle.values().forEach(connections -> connections.forEach(p -> p.connection.close()));
        idle.clear();
        lastUpstream = null;
        lastIdle = null;
    }
}

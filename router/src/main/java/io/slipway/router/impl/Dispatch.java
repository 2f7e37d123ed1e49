package io.slipway.router.impl;

import java.util.ArrayList;
import java.util.List;

/**
 * Gets one request to an instance: picks a healthy one under its concurrency cap, waits in the
 * app's queue when all are busy, takes a kept-alive connection (or opens one), and goes to another
 * instance when connecting fails and the request may be repeated. Hands the connected request to
 * its {@link Exchange}; owns the instance (counted in flight) and the connection until then.
 */
final class Dispatch implements QueuedRequest.Waiter {

    private final Exchange exchange;
    private final ProxyVerticle loop;
    private final RouterCore core;
    private final AppRoute app;
    private Upstream upstream;
    private List<Upstream> tried;
    private UpstreamConnection connection;
    private QueuedRequest queued;
    private long queueTimer = -1;
    /** Under session affinity: the instance the client's cookie names, when it is still routed. */
    private Upstream home;
    private boolean affinityRead;
    int attempts;

    Dispatch(Exchange exchange, ProxyVerticle loop, AppRoute app) {
        this.exchange = exchange;
        this.loop = loop;
        this.core = loop.core;
        this.app = app;
    }

    Upstream upstream() {
        return upstream;
    }

    void start() {
        int cap = core.settings.instanceConcurrency();
        Upstream picked = null;
        if (app.sessionAffinity && tried == null) {
            if (!affinityRead) {
                affinityRead = true;
                home = app.home(Headers.cookie(exchange.head.cookie, Upstream.AFFINITY_COOKIE));
            }
            if (home != null && home.available(System.nanoTime()) && home.tryAcquire(cap)) {
                picked = home;
            }
        }
        if (picked == null) {
            picked = app.pick(cap, tried);
        }
        if (picked != null) {
            connect(picked);
            return;
        }
        switch (app.whyUnavailable(tried)) {
            case NO_INSTANCES -> Answers.unavailable(exchange, "The app has no running web instance: it is not"
                    + " deployed yet, it defines no web process (a Procfile's web: line), it is stopped (ps:start"
                    + " starts it) or its web processes are scaled to 0, or they crashed and are restarting (see its"
                    + " logs).");
            case ALL_EJECTED -> {
                if (exchange.error != null) {
                    exchange.fail(502, app.name.value(), exchange.error);
                } else {
                    Answers.unavailable(exchange, "No healthy instance: every instance failed recently and is left"
                            + " out for a few seconds.");
                }
            }
            case ALL_BUSY -> waitForInstance();
        }
    }

    private void waitForInstance() {
        int limit = core.settings.queueSize();
        QueuedRequest waiting = new QueuedRequest(loop, this);
        if (limit == 0 || !app.enqueue(waiting, limit, core.settings.instanceConcurrency())) {
            busy();
            return;
        }
        queued = waiting;
        queueTimer = core.vertx.setTimer(core.settings.queueTimeout().toMillis(), t -> {
            queueTimer = -1;
            if (waiting.expire()) {
                app.cancel(waiting);
                gaveUp();
            }
        });
    }

    @Override
    public void granted(Upstream granted) {
        queued = null;
        cancelQueueTimer();
        if (exchange.isDone()) {
            granted.release();
            app.dispatchWaiting(core.settings.instanceConcurrency());
            return;
        }
        connect(granted);
    }

    @Override
    public void gaveUp() {
        queued = null;
        cancelQueueTimer();
        if (!exchange.isDone()) {
            busy();
        }
    }

    private void busy() {
        Answers.unavailable(exchange, "Every instance is at its limit of " + core.settings.instanceConcurrency()
                + " requests at once. Retry shortly, or scale web up.");
    }

    private void connect(Upstream picked) {
        upstream = picked;
        attempts++;
        picked.counted();
        exchange.sending(picked);
        // A new cookie when the client had none, or its instance left the routes or is ejected; not
        // when that instance was only at its limit: the client goes back to it next time.
        exchange.affinityCookie = app.sessionAffinity && picked != home
                && (home == null || !home.available(System.nanoTime())) ? picked.affinityCookie : null;
        UpstreamConnection idle = loop.pool.idle(picked);
        if (idle != null) {
            send(idle);
        } else {
            loop.pool.open(picked, (opened, failure) -> {
                if (opened != null) {
                    send(opened);
                } else {
                    connectFailed(failure);
                }
            });
        }
    }

    /**
     * Hands the connection to the exchange. A kept-alive connection the instance closed while it
     * was idle shows as a closed connection before any answer, which the exchange retries.
     */
    private void send(UpstreamConnection pooled) {
        if (exchange.isDone()) {
            loop.pool.release(pooled);
            return;
        }
        connection = pooled;
        exchange.connected(pooled);
    }

    private void connectFailed(Throwable cause) {
        if (exchange.isDone()) {
            return;
        }
        connection = null;
        Upstream failed = release();
        core.connectFailed(failed, cause);
        exchange.error = "The app's instance " + failed.endpoint.instance() + " could not be reached ("
                + RouterCore.describe(cause) + ").";
        // Nothing was sent, but only requests that may be repeated go to another instance.
        if (exchange.idempotent() && attempts < core.settings.maxAttempts() && app.upstreams.length > 1) {
            tryAnother(failed);
            return;
        }
        exchange.fail(502, app.name.value(), exchange.error);
    }

    /**
     * The instance closed a kept-alive connection as the request went out: nothing of it was
     * processed, and the exchange checked that it may be sent again. Another instance when there
     * is one, else the same one on a fresh connection.
     */
    boolean retry() {
        if (attempts >= core.settings.maxAttempts()) {
            return false;
        }
        connection = null;
        Upstream failed = release();
        if (app.upstreams.length > 1) {
            tryAnother(failed);
        } else {
            core.metrics.of(app).retry();
            start();
        }
        return true;
    }

    private void tryAnother(Upstream failed) {
        if (tried == null) {
            tried = new ArrayList<>(2);
        }
        tried.add(failed);
        core.metrics.of(app).retry();
        start();
    }

    /**
     * The exchange ended: the queue place, the connection and the instance are given back. A
     * connection goes back to the pool only when {@code reusable}; otherwise its owner reset it.
     */
    void close(boolean reusable) {
        if (queued != null && queued.expire()) {
            app.cancel(queued);
        }
        cancelQueueTimer();
        if (connection != null && reusable) {
            loop.pool.release(connection);
        }
        connection = null;
        if (upstream != null) {
            release();
        }
    }

    private Upstream release() {
        Upstream held = upstream;
        upstream = null;
        held.release();
        app.dispatchWaiting(core.settings.instanceConcurrency());
        return held;
    }

    private void cancelQueueTimer() {
        if (queueTimer >= 0) {
            core.vertx.cancelTimer(queueTimer);
            queueTimer = -1;
        }
    }
}

package io.slipway.router.impl;

import io.vertx.core.Vertx;

/**
 * The exchanges of one event loop in flight, each with the time by which it must show progress:
 * the instance's first byte, or the next chunk either way once bytes flow. A timer per request
 * (or Netty's idle handler on every connection) costs a scheduled task or a write listener per
 * request; a sweep every {@link #PERIOD_MILLIS} over an intrusive list costs next to nothing, and
 * a timeout fires at most that much late. Touched only on its event loop.
 */
final class Watchdog implements AutoCloseable {

    static final long PERIOD_MILLIS = 50;

    private final Vertx vertx;
    private final long timer;
    private Exchange head;

    Watchdog(Vertx vertx) {
        this.vertx = vertx;
        this.timer = vertx.setPeriodic(PERIOD_MILLIS, t -> sweep());
    }

    /** Watches {@code exchange} until {@link #forget}; its {@code deadline} field may move meanwhile. */
    void watch(Exchange exchange) {
        if (exchange.watched) {
            return;
        }
        exchange.watched = true;
        exchange.nextWatched = head;
        exchange.previousWatched = null;
        if (head != null) {
            head.previousWatched = exchange;
        }
        head = exchange;
    }

    void forget(Exchange exchange) {
        if (!exchange.watched) {
            return;
        }
        exchange.watched = false;
        if (exchange.previousWatched == null) {
            head = exchange.nextWatched;
        } else {
            exchange.previousWatched.nextWatched = exchange.nextWatched;
        }
        if (exchange.nextWatched != null) {
            exchange.nextWatched.previousWatched = exchange.previousWatched;
        }
        exchange.nextWatched = null;
        exchange.previousWatched = null;
    }

    private void sweep() {
        long now = System.nanoTime();
        Exchange next;
        for (Exchange e = head; e != null; e = next) {
            next = e.nextWatched;
            if (now - e.deadline >= 0) {
                forget(e);
                e.expired();
            }
        }
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
    }
}

package io.slipway.router.impl;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request waiting for one of its app's instances to drop under the concurrency cap. Exactly
 * one of {@link Waiter#granted} and {@link Waiter#gaveUp} runs, on the request's own event loop.
 */
final class QueuedRequest {

    /** The request's side of the wait. */
    interface Waiter {
        void granted(Upstream upstream);

        void gaveUp();
    }

    private static final int WAITING = 0;
    private static final int DISPATCHING = 1;
    private static final int DONE = 2;

    private final AtomicInteger state = new AtomicInteger(WAITING);
    private final Executor loop;
    private final Waiter waiter;
    private volatile boolean expired;

    /** {@code loop} runs tasks on the request's event loop. */
    QueuedRequest(Executor loop, Waiter waiter) {
        this.loop = loop;
        this.waiter = waiter;
    }

    boolean claim() {
        return state.compareAndSet(WAITING, DISPATCHING);
    }

    void unclaim() {
        state.set(WAITING);
        if (expired && state.compareAndSet(WAITING, DONE)) {
            loop.execute(waiter::gaveUp);
        }
    }

    void grant(Upstream upstream) {
        state.set(DONE);
        loop.execute(() -> waiter.granted(upstream));
    }

    /** Stops waiting; true when the request was still waiting (so no instance will be granted). */
    boolean expire() {
        expired = true;
        return state.compareAndSet(WAITING, DONE);
    }
}

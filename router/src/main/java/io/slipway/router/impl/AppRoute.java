package io.slipway.router.impl;

import io.slipway.core.AppName;
import io.slipway.router.Balancing;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One app as the router sees it: its live instances, its policy, its queue of requests waiting
 * for a free instance, and its counters. One object per app for the app's whole life; the
 * instance list is replaced as a whole, so readers never lock.
 */
public final class AppRoute {

    static final Upstream[] NONE = new Upstream[0];

    /** Why {@link #pick} found nothing. */
    enum Unavailable { NO_INSTANCES, ALL_EJECTED, ALL_BUSY }

    final AppName name;
    volatile Upstream[] upstreams = NONE;
    volatile Balancing balancing = Balancing.LEAST_OUTSTANDING;
    /** Negative: the router's default. */
    volatile long maxBodySize = -1;
    /** Negative: the router's default. */
    volatile long firstByteTimeoutMillis = -1;
    volatile boolean redirectToHttps;
    /** A client's requests go to the instance its affinity cookie names, while it can take them. */
    volatile boolean sessionAffinity;
    /** Custom and wildcard domains; guarded by {@link Routing}'s lock. */
    final List<String> domains = new ArrayList<>();

    private final AtomicInteger cursor = new AtomicInteger();
    private final ConcurrentLinkedDeque<QueuedRequest> waiting = new ConcurrentLinkedDeque<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Responses by status class: index 1 for 1xx ... 5 for 5xx, 0 for anything else; their sum is all requests. */
    final LongAdder[] responses = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(),
            new LongAdder(), new LongAdder()};
    /** The app's meters, made on first use by {@link RouterMetrics}. */
    volatile Object meters;

    AppRoute(AppName name) {
        this.name = name;
    }

    public AppName name() {
        return name;
    }

    int inFlight() {
        int sum = 0;
        for (Upstream u : upstreams) {
            sum += u.inFlight();
        }
        return sum;
    }

    int queued() {
        return Math.max(queued.get(), 0);
    }

    /**
     * A healthy instance under {@code cap}, already counted in flight; null when there is none.
     * {@code tried} (may be null) are instances this request already failed on.
     */
    Upstream pick(int cap, List<Upstream> tried) {
        Upstream[] ups = upstreams;
        int n = ups.length;
        if (n == 0) {
            return null;
        }
        long now = System.nanoTime();
        if (n == 1) {
            Upstream only = ups[0];
            return usable(only, now, tried) && only.tryAcquire(cap) ? only : null;
        }
        int start;
        if (balancing == Balancing.ROUND_ROBIN) {
            start = Math.floorMod(cursor.getAndIncrement(), n);
        } else {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int a = random.nextInt(n);
            int b = random.nextInt(n - 1);
            if (b >= a) {
                b++;
            }
            Upstream x = ups[a];
            Upstream y = ups[b];
            boolean xOk = usable(x, now, tried);
            boolean yOk = usable(y, now, tried);
            if (xOk && yOk && y.inFlight() < x.inFlight()) {
                Upstream t = x;
                x = y;
                y = t;
            } else if (!xOk) {
                x = y;
                xOk = yOk;
                yOk = false;
            }
            if (xOk && x.tryAcquire(cap)) {
                return x;
            }
            if (yOk && y.tryAcquire(cap)) {
                return y;
            }
            start = a;
        }
        for (int i = 0; i < n; i++) {
            Upstream u = ups[(start + i) % n];
            if (usable(u, now, tried) && u.tryAcquire(cap)) {
                return u;
            }
        }
        return null;
    }

    /** The routed instance an affinity cookie's {@code token} names; null when none does (any more). */
    Upstream home(String token) {
        if (token != null) {
            for (Upstream u : upstreams) {
                if (u.affinityToken.equals(token)) {
                    return u;
                }
            }
        }
        return null;
    }

    Unavailable whyUnavailable(List<Upstream> tried) {
        Upstream[] ups = upstreams;
        if (ups.length == 0) {
            return Unavailable.NO_INSTANCES;
        }
        long now = System.nanoTime();
        for (Upstream u : ups) {
            if (usable(u, now, tried)) {
                return Unavailable.ALL_BUSY;
            }
        }
        return Unavailable.ALL_EJECTED;
    }

    private static boolean usable(Upstream u, long now, List<Upstream> tried) {
        return u.available(now) && (tried == null || !tried.contains(u));
    }

    /** Queues {@code request} unless {@code limit} requests already wait; false when full. */
    boolean enqueue(QueuedRequest request, int limit, int cap) {
        if (queued.incrementAndGet() > limit) {
            queued.decrementAndGet();
            return false;
        }
        waiting.offer(request);
        // An instance may have freed up between the failed pick and the enqueue.
        dispatchWaiting(cap);
        return true;
    }

    /** Takes a request that stopped waiting (timed out, client gone) out of the queue. */
    void cancel(QueuedRequest request) {
        if (waiting.remove(request)) {
            queued.decrementAndGet();
        }
    }

    /** Hands free instances to waiting requests, oldest first; called whenever a request ends. */
    void dispatchWaiting(int cap) {
        while (queued.get() > 0) {
            QueuedRequest next = waiting.poll();
            if (next == null) {
                return;
            }
            queued.decrementAndGet();
            if (!next.claim()) {
                continue;
            }
            Upstream upstream = pick(cap, null);
            if (upstream == null) {
                queued.incrementAndGet();
                waiting.offerFirst(next);
                next.unclaim();
                return;
            }
            next.grant(upstream);
        }
    }

    void countResponse(int status) {
        int statusClass = status / 100;
        responses[statusClass >= 1 && statusClass <= 5 ? statusClass : 0].increment();
    }

    @Override
    public String toString() {
        return name.value();
    }
}

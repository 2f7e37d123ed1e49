package io.slipway.router.impl;

import io.slipway.core.Endpoint;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One instance as the router sees it: requests in flight (the balancer's load figure and the
 * drain counter), totals, and passive health. Shared by every event loop; lock-free on the hot path.
 */
public final class Upstream {

    /** The cookie that keeps a client on one instance when the app asks for session affinity. */
    static final String AFFINITY_COOKIE = "slipway-affinity";

    final AppRoute app;
    final Endpoint endpoint;
    /**
     * This instance in the affinity cookie: opaque, and the same for the same instance after a
     * restart of the router, so clients keep their instance across it.
     */
    final String affinityToken;
    /** The {@code Set-Cookie} value that sends a client back here. */
    final String affinityCookie;
    /** Resolved once, here, never on an event loop (endpoints are addresses, rarely names). */
    final InetSocketAddress socketAddress;
    private final Routing routing;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();

    /** Cleared when the endpoint leaves the routes; from then on no new request may start. */
    volatile boolean routed = true;

    /** Set on any failure, so that the success path reads one volatile and nothing else. */
    private volatile boolean troubled;
    private volatile long ejectedUntil;
    private volatile boolean ejected;
    private int timeoutsInRow;
    private int ejectionsInRow;

    /** Guarded by {@link Routing}'s lock. */
    final List<CompletableFuture<Void>> drainWaiters = new ArrayList<>(0);

    Upstream(AppRoute app, Endpoint endpoint, Routing routing) {
        this.app = app;
        this.endpoint = endpoint;
        this.socketAddress = new InetSocketAddress(endpoint.host(), endpoint.port());
        this.routing = routing;
        this.affinityToken = token(app.name.value() + "\n" + endpoint.instance() + "\n" + endpoint.host() + ":" + endpoint.port());
        this.affinityCookie = AFFINITY_COOKIE + "=" + affinityToken + "; Path=/; HttpOnly; SameSite=Lax";
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public int inFlight() {
        return inFlight.get();
    }

    long requests() {
        return requests.sum();
    }

    long errors() {
        return errors.sum();
    }

    /**
     * Counts one more request in flight unless the instance is at {@code cap} or has left the
     * routes. The increment comes before the {@code routed} check, and leaving the routes clears
     * {@code routed} before counting: a drain never misses a request that slipped in.
     */
    boolean tryAcquire(int cap) {
        for (;;) {
            int n = inFlight.get();
            if (n >= cap) {
                return false;
            }
            if (inFlight.compareAndSet(n, n + 1)) {
                break;
            }
        }
        if (!routed) {
            release();
            return false;
        }
        return true;
    }

    /** One more request sent (or tried) to this instance, for the stats. */
    void counted() {
        requests.increment();
    }

    void release() {
        if (inFlight.decrementAndGet() == 0 && !routed) {
            routing.drainedOut(this);
        }
    }

    boolean available(long now) {
        return !ejected || now - ejectedUntil >= 0;
    }

    void succeeded() {
        if (troubled) {
            synchronized (this) {
                troubled = false;
                ejected = false;
                timeoutsInRow = 0;
                ejectionsInRow = 0;
            }
        }
    }

    /** A failure that is not the instance's fault alone (reset, bad response): counted, not ejected. */
    void failed() {
        errors.increment();
    }

    /** The instance refused a connection or did not accept one in time. True when newly ejected. */
    boolean connectFailed(long now, Duration base, Duration max) {
        errors.increment();
        synchronized (this) {
            troubled = true;
            return eject(now, base, max);
        }
    }

    /** The instance did not answer in time. True when this made it ejected. */
    boolean timedOut(long now, int threshold, Duration base, Duration max) {
        errors.increment();
        synchronized (this) {
            troubled = true;
            if (++timeoutsInRow < threshold) {
                return false;
            }
            timeoutsInRow = 0;
            return eject(now, base, max);
        }
    }

    private boolean eject(long now, Duration base, Duration max) {
        if (ejected && now - ejectedUntil < 0) {
            return false;
        }
        int doublings = Math.min(ejectionsInRow, 20);
        ejectionsInRow++;
        long period = Math.min(base.toNanos() << doublings, max.toNanos());
        if (period <= 0) {
            period = max.toNanos();
        }
        ejectedUntil = now + period;
        ejected = true;
        return true;
    }

    /** Wall-clock end of the current ejection, 0 when the instance is not ejected. */
    long ejectedUntilMillis(long nowNanos, long nowMillis) {
        long until = ejectedUntil;
        if (!ejected || nowNanos - until >= 0) {
            return 0;
        }
        return nowMillis + (until - nowNanos) / 1_000_000;
    }

    @Override
    public String toString() {
        return app.name + "/" + endpoint.instance() + "@" + endpoint.address();
    }

    private static String token(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

package io.slipway.router.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipway.core.AppName;
import io.slipway.core.Endpoint;
import io.slipway.router.Balancing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AppRouteTest {

    private static final AppName HELLO = AppName.of("hello");
    private static final Endpoint WEB_1 = new Endpoint("web.1", "127.0.0.1", 40001);
    private static final Endpoint WEB_2 = new Endpoint("web.2", "127.0.0.1", 40002);
    private static final Endpoint WEB_3 = new Endpoint("web.3", "127.0.0.1", 40003);
    private static final int NO_CAP = Integer.MAX_VALUE;

    private Routing routing;
    private AppRoute app;

    @BeforeEach
    void setUp() {
        routing = new Routing("apps.test");
        routing.setEndpoints(HELLO, List.of(WEB_1, WEB_2, WEB_3));
        app = routing.app(HELLO);
    }

    @Test
    void pickWhenOneInstanceIsLoadedPrefersTheOthers() {
        Upstream busy = upstream(WEB_1);
        for (int i = 0; i < 10; i++) {
            assertThat(busy.tryAcquire(NO_CAP)).isTrue();
        }

        Map<Endpoint, Integer> picked = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            Upstream u = app.pick(NO_CAP, null);
            picked.merge(u.endpoint, 1, Integer::sum);
            u.release();
        }

        // Power of two choices: the loaded instance only wins when drawn twice, which it never is.
        assertThat(picked).doesNotContainKey(WEB_1);
        assertThat(picked.get(WEB_2)).isBetween(350, 650);
    }

    @Test
    void pickCountsTheRequestInFlightUntilReleased() {
        Upstream u = app.pick(NO_CAP, null);

        assertThat(u.inFlight()).isEqualTo(1);
        u.release();
        assertThat(u.inFlight()).isZero();
    }

    @Test
    void pickWhenRoundRobinTakesEachInTurn() {
        app.balancing = Balancing.ROUND_ROBIN;

        List<Endpoint> picked = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Upstream u = app.pick(NO_CAP, null);
            picked.add(u.endpoint);
            u.release();
        }

        assertThat(picked).containsExactly(WEB_1, WEB_2, WEB_3, WEB_1, WEB_2, WEB_3);
    }

    @Test
    void pickWhenEveryInstanceIsAtTheCapIsEmptyAndSaysBusy() {
        List<Upstream> held = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            held.add(app.pick(2, null));
        }

        assertThat(held).doesNotContainNull();
        assertThat(app.pick(2, null)).isNull();
        assertThat(app.whyUnavailable(null)).isEqualTo(AppRoute.Unavailable.ALL_BUSY);

        held.get(0).release();
        assertThat(app.pick(2, null)).isSameAs(held.get(0));
    }

    @Test
    void pickSkipsAnEjectedInstanceUntilItsPeriodEnds() {
        Upstream dead = upstream(WEB_2);
        long now = System.nanoTime();
        assertThat(dead.connectFailed(now, Duration.ofMillis(200), Duration.ofSeconds(5))).isTrue();

        for (int i = 0; i < 200; i++) {
            Upstream u = app.pick(NO_CAP, null);
            assertThat(u).isNotSameAs(dead);
            u.release();
        }
        assertThat(dead.available(now + Duration.ofMillis(199).toNanos())).isFalse();
        assertThat(dead.available(now + Duration.ofMillis(200).toNanos())).isTrue();
    }

    @Test
    void ejectionDoublesWhileTheInstanceKeepsFailingAndResetsOnSuccess() {
        Upstream dead = upstream(WEB_2);
        Duration base = Duration.ofMillis(100);
        Duration max = Duration.ofMillis(350);
        long t = 0;

        assertThat(dead.connectFailed(t, base, max)).isTrue();
        assertThat(dead.connectFailed(t + 50_000_000, base, max)).as("already ejected").isFalse();
        t += 100_000_000;
        assertThat(dead.connectFailed(t, base, max)).isTrue();
        assertThat(dead.available(t + 199_000_000)).isFalse();
        assertThat(dead.available(t + 200_000_000)).isTrue();
        t += 200_000_000;
        assertThat(dead.connectFailed(t, base, max)).isTrue();
        assertThat(dead.available(t + 349_000_000)).as("capped at max").isFalse();
        assertThat(dead.available(t + 350_000_000)).isTrue();

        dead.succeeded();
        t += 350_000_000;
        assertThat(dead.connectFailed(t, base, max)).isTrue();
        assertThat(dead.available(t + 100_000_000)).as("back to the base period").isTrue();
    }

    @Test
    void timeoutsEjectOnlyAfterTheThresholdInARow() {
        Upstream slow = upstream(WEB_1);
        Duration base = Duration.ofSeconds(1);

        assertThat(slow.timedOut(0, 3, base, base)).isFalse();
        assertThat(slow.timedOut(1, 3, base, base)).isFalse();
        assertThat(slow.timedOut(2, 3, base, base)).isTrue();
        assertThat(slow.available(3)).isFalse();
    }

    @Test
    void whyUnavailableWhenAllAreEjectedSaysSo() {
        for (Endpoint e : List.of(WEB_1, WEB_2, WEB_3)) {
            upstream(e).connectFailed(System.nanoTime(), Duration.ofSeconds(10), Duration.ofSeconds(10));
        }

        assertThat(app.pick(NO_CAP, null)).isNull();
        assertThat(app.whyUnavailable(null)).isEqualTo(AppRoute.Unavailable.ALL_EJECTED);
    }

    @Test
    void whyUnavailableWithoutInstancesSaysSo() {
        routing.setEndpoints(HELLO, List.of());

        assertThat(app.pick(NO_CAP, null)).isNull();
        assertThat(app.whyUnavailable(null)).isEqualTo(AppRoute.Unavailable.NO_INSTANCES);
    }

    @Test
    void pickSkipsInstancesAlreadyTried() {
        List<Upstream> tried = List.of(upstream(WEB_1), upstream(WEB_3));

        for (int i = 0; i < 50; i++) {
            Upstream u = app.pick(NO_CAP, tried);
            assertThat(u.endpoint).isEqualTo(WEB_2);
            u.release();
        }
    }

    @Test
    void queuedRequestIsGrantedAnInstanceWhenOneIsReleased() {
        routing.setEndpoints(HELLO, List.of(WEB_1));
        Upstream only = app.pick(1, null);
        List<Upstream> granted = new ArrayList<>();
        QueuedRequest waiting = new QueuedRequest(Runnable::run, new QueuedRequest.Waiter() {
            @Override
            public void granted(Upstream upstream) {
                granted.add(upstream);
            }

            @Override
            public void gaveUp() {
                throw new AssertionError("must not give up");
            }
        });

        assertThat(app.enqueue(waiting, 10, 1)).isTrue();
        assertThat(app.queued()).isEqualTo(1);
        assertThat(granted).isEmpty();

        only.release();
        app.dispatchWaiting(1);

        assertThat(granted).containsExactly(only);
        assertThat(only.inFlight()).isEqualTo(1);
        assertThat(app.queued()).isZero();
    }

    @Test
    void enqueueWhenTheQueueIsFullRefuses() {
        routing.setEndpoints(HELLO, List.of(WEB_1));
        app.pick(1, null);

        assertThat(app.enqueue(new QueuedRequest(Runnable::run, null), 1, 1)).isTrue();
        assertThat(app.enqueue(new QueuedRequest(Runnable::run, null), 1, 1)).isFalse();
    }

    private Upstream upstream(Endpoint endpoint) {
        for (Upstream u : app.upstreams) {
            if (u.endpoint.equals(endpoint)) {
                return u;
            }
        }
        throw new AssertionError("no " + endpoint);
    }
}

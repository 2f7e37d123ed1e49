package io.slipway.scheduler;

import io.slipway.core.Endpoint;
import io.slipway.core.Release;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** What the scheduler knows of one app: the release it should run and the instance slots it runs. */
final class AppRuntime {

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(2);

    final ReentrantLock lock = new ReentrantLock();
    final Map<String, Slot> slots = new ConcurrentHashMap<>();
    volatile Release release;
    volatile List<Endpoint> published = List.of();

    /** One instance place ({@code web.1}): the container in it now, and its restart history. */
    static final class Slot {
        final String type;
        final int number;
        volatile String containerId;
        volatile String state = "starting";
        volatile Instant since = Instant.now();
        volatile int restarts;
        volatile Instant nextStart = Instant.EPOCH;
        volatile int hostPort;
        /** The web instance's own address and port, for probes that send it nothing (null: unknown). */
        volatile InetSocketAddress direct;
        volatile boolean ready;
        volatile boolean busy;
        volatile int failedProbes;
        /** The router ejected it: liveness probes send it a request until it answers one. */
        volatile boolean suspect;
        volatile AutoCloseable logs;

        Slot(String type, int number) {
            this.type = type;
            this.number = number;
        }

        String name() {
            return type + "." + number;
        }

        /** Where its web port is reached, for the probes. */
        Readiness.Target target() {
            return new Readiness.Target(hostPort, direct);
        }

        /** After a crash: 1 s, 2 s, 4 s ... up to two minutes before the next start. */
        void crashed(String how) {
            restarts++;
            state = "crashed (" + how + ")";
            ready = false;
            long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(restarts - 1, 7));
            nextStart = Instant.now().plusSeconds(seconds);
            since = Instant.now();
        }

        Duration backoffLeft() {
            Duration left = Duration.between(Instant.now(), nextStart);
            return left.isNegative() ? Duration.ZERO : left;
        }
    }
}

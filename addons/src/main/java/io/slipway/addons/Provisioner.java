package io.slipway.addons;

import io.slipway.core.PushLog;
import io.slipway.core.SlipwayException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings an add-on's engine objects into being, replaces its container, and takes them away. */
final class Provisioner {

    private static final Logger log = LoggerFactory.getLogger(Provisioner.class);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

    private final AddonContainers containers;
    private final Execs execs;
    private final AddonSettings settings;

    Provisioner(AddonContainers containers, Execs execs, AddonSettings settings) {
        this.containers = containers;
        this.execs = execs;
        this.settings = settings;
    }

    /** Network, volume and container; returns once the server accepts connections. */
    void provision(AddonRecord a) {
        AddonRef ref = a.ref();
        Map<String, String> labels = AddonContainers.labels(ref, a.service(), AddonContainers.SERVER_ROLE);
        containers.ensureNetwork(ref.network(), true, labels);
        containers.ensureVolume(ref.volume(), labels);
        if (a.exposedPort() != 0) {
            containers.ensureNetwork(ref.exposedNetwork(), false, labels);
        }
        containers.create(a);
        containers.start(ref.container());
        awaitReady(a);
    }

    /** A new container on the same volume (expose, unexpose, a container that went missing). */
    void recreate(AddonRecord a) {
        containers.stop(a.ref().container());
        containers.remove(a.ref().container());
        provision(a);
        if (a.exposedPort() == 0) {
            containers.removeNetwork(a.ref().exposedNetwork());
        }
    }

    /** Restarts the container and waits for the server (a Redis restore finishes so). */
    void restart(AddonRecord a) {
        containers.stop(a.ref().container());
        containers.start(a.ref().container());
        awaitReady(a);
    }

    /** Waits until the image's protocol check passes; fails with the server's last words when it stops or times out. */
    void awaitReady(AddonRecord a) {
        String container = a.ref().container();
        long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
        long pause = 50;
        while (true) {
            var state = containers.state(container);
            if (state.isEmpty() || !state.get().running()) {
                throw new SlipwayException("the " + a.service() + " server of add-on " + a.ref().name() + " stopped while starting ("
                        + state.map(s -> "exit " + s.exitCode()).orElse("container gone") + "): " + lastWords(container));
            }
            if (execs.succeeds(container, List.of("addon-ready"), CHECK_TIMEOUT)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new SlipwayException("the " + a.service() + " server of add-on " + a.ref().name()
                        + " did not accept connections within " + settings.readyTimeout().toSeconds() + " s: "
                        + lastWords(container));
            }
            sleep(pause);
            pause = Math.min(pause * 2, 200);
        }
    }

    /** The server's name and version, as the image reports it. */
    String version(AddonRecord a) {
        return execs.capture(a.ref().container(), List.of("addon-version"), CHECK_TIMEOUT);
    }

    /** Removes the container, its networks and its data volume: no graceful stop, the data goes too. */
    void teardown(AddonRef ref) {
        containers.remove(ref.container());
        containers.removeNetwork(ref.exposedNetwork());
        containers.removeNetwork(ref.network());
        containers.removeVolume(ref.volume());
    }

    /** What a create cut short by a crash left behind, before a create of the same name. */
    void clearLeftovers(AddonRef ref) {
        boolean any = containers.state(ref.container()).isPresent() || containers.volumeExists(ref.volume())
                || containers.networkExists(ref.network());
        if (any) {
            log.warn("removing the leftovers of an unfinished add-on {} before creating it again", ref);
            teardown(ref);
        }
    }

    private String lastWords(String container) {
        List<String> lines = containers.lastLines(container, 5);
        return lines.isEmpty() ? "it printed nothing" : String.join(" / ", lines);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException("interrupted while waiting for an add-on to start");
        }
    }
}

package io.slipway.addons;

import io.slipway.core.InvalidInputException;
import io.slipway.core.Logs;
import io.slipway.core.PushLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code addons:expose} and {@code addons:unexpose}. A container's published ports are fixed
 * when it is created, so both replace the container (same volume, same credentials); an expose
 * that fails, for instance on a port in use, puts the previous container back.
 */
final class Exposure {

    private static final Logger log = LoggerFactory.getLogger(Exposure.class);

    private final AddonStore store;
    private final AddonLocks locks;
    private final AddonContainers containers;
    private final Provisioner provisioner;
    private final Logs logs;

    Exposure(AddonStore store, AddonLocks locks, AddonContainers containers, Provisioner provisioner, Logs logs) {
        this.store = store;
        this.locks = locks;
        this.containers = containers;
        this.provisioner = provisioner;
        this.logs = logs;
    }

    /** Publishes the add-on on 127.0.0.1:{@code port}, a free port when it is 0. */
    AddonRecord expose(AddonRef ref, int port, PushLog out) {
        if (port != 0 && (port < 1024 || port > 65535)) {
            throw new InvalidInputException("port " + port + " is out of range: use 1024 to 65535, or leave it out for a free one");
        }
        try (AddonLocks.Held held = locks.lock(ref)) {
            AddonRecord a = store.require(ref);
            if (a.exposedPort() != 0 && (port == 0 || port == a.exposedPort())) {
                return a;
            }
            out.step("Publishing add-on " + ref.name() + " on 127.0.0.1 (its server restarts)");
            try {
                provisioner.recreate(a.withExposedPort(port == 0 ? -1 : port));
            } catch (RuntimeException e) {
                try {
                    provisioner.recreate(a);
                } catch (RuntimeException again) {
                    log.warn("putting add-on {} back after a failed expose failed too: {}", ref, again.toString());
                }
                throw e;
            }
            int actual = containers.publishedPort(ref.container(), a.service().port());
            store.setExposedPort(ref, actual);
            logs.event(ref.app(), "add-on " + ref.name() + " exposed on 127.0.0.1:" + actual);
            return a.withExposedPort(actual);
        }
    }

    AddonRecord unexpose(AddonRef ref, PushLog out) {
        try (AddonLocks.Held held = locks.lock(ref)) {
            AddonRecord a = store.require(ref);
            if (a.exposedPort() == 0) {
                return a;
            }
            out.step("Taking add-on " + ref.name() + " off 127.0.0.1 (its server restarts)");
            provisioner.recreate(a.withExposedPort(0));
            store.setExposedPort(ref, 0);
            logs.event(ref.app(), "add-on " + ref.name() + " no longer exposed");
            return a.withExposedPort(0);
        }
    }
}

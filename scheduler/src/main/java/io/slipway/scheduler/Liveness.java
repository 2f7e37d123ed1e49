package io.slipway.scheduler;

import io.slipway.core.AppManifest.HealthCheck;
import io.slipway.core.Release;
import io.slipway.scheduler.AppRuntime.Slot;
import java.util.List;

/**
 * Whether a running web instance is alive, asked as lightly as the evidence allows. It must listen
 * on its port ({@link Readiness}: no request). The app's own app.json checks of type
 * {@code liveness} (Dokku's format) are then sent as requests. So is a {@code GET /} once the
 * router has ejected the instance for timeouts or refused connections: a hung process still
 * completes TCP handshakes, and only a request tells it apart.
 */
final class Liveness {

    private static final int SUSPECT_TIMEOUT_MILLIS = 10_000;

    private Liveness() {
    }

    /** Empty when the instance is alive, else what is wrong with it. */
    static String failure(Slot slot, Release release) {
        Readiness.Target target = slot.target();
        if (!Readiness.listens(target, 2000)) {
            return "stopped listening on its port";
        }
        int port = release.port();
        List<HealthCheck> checks = release.manifest().healthchecks().getOrDefault(slot.type, List.of()).stream()
                .filter(c -> c.type().equals("liveness") && c.command().isEmpty() && !c.warn()).toList();
        for (HealthCheck check : checks) {
            String failed = StartupChecks.probe(port, target, check);
            if (!failed.isEmpty()) {
                return "failed its liveness check '" + check.name() + "': " + failed;
            }
        }
        if (slot.suspect) {
            Readiness.Probe probe = Readiness.get(Containers.LOOPBACK, slot.hostPort, "/", SUSPECT_TIMEOUT_MILLIS);
            if (!probe.answered()) {
                return "accepts connections but answers no request (" + probe.error() + ")";
            }
            slot.suspect = false;
        }
        return "";
    }
}

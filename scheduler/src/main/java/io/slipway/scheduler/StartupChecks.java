package io.slipway.scheduler;

import io.slipway.core.AppManifest.HealthCheck;
import io.slipway.core.DeployFailedException;
import java.time.Duration;
import java.util.List;

/**
 * When a new instance is live. A web instance listens on its port ({@link Readiness}); app.json startup
 * checks (Dokku's format) refine that with a path, expected content, attempts, timeouts and
 * waits. Any other process must stay up for a while.
 */
final class StartupChecks {

    private final Containers containers;
    private final SchedulerSettings settings;

    StartupChecks(Containers containers, SchedulerSettings settings) {
        this.containers = containers;
        this.settings = settings;
    }

    /**
     * Blocks until the instance is live.
     *
     * @throws DeployFailedException saying which check failed and how
     */
    void await(String id, InstanceSpec spec, Readiness.Target target) {
        int hostPort = target.hostPort();
        List<HealthCheck> checks = spec.release().manifest().healthchecks().getOrDefault(spec.type(), List.of())
                .stream().filter(c -> c.type().equals("startup")).toList();
        if (hostPort > 0) {
            awaitListening(id, spec, target);
        } else if (checks.isEmpty()) {
            awaitUptime(id, spec, settings.workerUptime());
        }
        for (HealthCheck check : checks) {
            run(id, spec, hostPort, check);
        }
    }

    private void awaitListening(String id, InstanceSpec spec, Readiness.Target target) {
        long deadline = System.nanoTime() + settings.bootTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            ensureRunning(id, spec);
            if (Readiness.listens(target, 1000)) {
                return;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new DeployFailedException(spec.instance() + " did not listen on $PORT (" + spec.port() + ") within "
                + settings.bootTimeout().toSeconds() + " s; make the web process listen on 0.0.0.0:$PORT");
    }

    private void awaitUptime(String id, InstanceSpec spec, Duration uptime) {
        long deadline = System.nanoTime() + uptime.toNanos();
        while (System.nanoTime() < deadline) {
            ensureRunning(id, spec);
            sleep(Duration.ofMillis(200));
        }
        ensureRunning(id, spec);
    }

    private void run(String id, InstanceSpec spec, int hostPort, HealthCheck check) {
        sleep(Duration.ofSeconds(check.initialDelaySeconds()));
        if (check.uptimeSeconds() > 0) {
            awaitUptime(id, spec, Duration.ofSeconds(check.uptimeSeconds()));
            return;
        }
        String last = "";
        for (int attempt = 1; attempt <= Math.max(1, check.attempts()); attempt++) {
            ensureRunning(id, spec);
            if (!check.command().isEmpty()) {
                last = "command " + String.join(" ", check.command()) + " exited non-zero";
                if (exec(id, check) == 0) {
                    return;
                }
            } else if (hostPort > 0) {
                Readiness.Probe probe = Readiness.get(Containers.LOOPBACK, hostPort, check.path(),
                        (int) Duration.ofSeconds(Math.max(1, check.timeoutSeconds())).toMillis());
                if (probe.ok() && probe.body().contains(check.content())) {
                    return;
                }
                last = !probe.answered() ? "GET " + check.path() + ": " + probe.error()
                        : !probe.ok() ? "GET " + check.path() + " answered " + probe.status()
                        : "GET " + check.path() + " did not contain '" + check.content() + "'";
            } else {
                return;
            }
            if (attempt < check.attempts()) {
                sleep(Duration.ofSeconds(check.waitSeconds()));
            }
        }
        throw new DeployFailedException(spec.instance() + " failed its check '" + check.name() + "' after "
                + check.attempts() + " attempts: " + last);
    }

    private int exec(String id, HealthCheck check) {
        var docker = containers.docker();
        String exec = docker.execCreateCmd(id).withCmd(check.command().toArray(String[]::new)).exec().getId();
        try {
            docker.execStartCmd(exec).start().awaitCompletion(Math.max(1, check.timeoutSeconds()),
                    java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        Long code = docker.inspectExecCmd(exec).exec().getExitCodeLong();
        return code == null ? -1 : code.intValue();
    }

    void ensureRunning(String id, InstanceSpec spec) {
        Containers.State state = containers.state(id).orElseThrow(() ->
                new DeployFailedException(spec.instance() + " disappeared while starting"));
        if (!state.running()) {
            throw new DeployFailedException(spec.instance() + (state.oomKilled()
                    ? " ran out of memory (" + (spec.memoryBytes() >> 20) + " MiB) while starting"
                    : " exited with status " + state.exitCode() + " while starting"));
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployFailedException("interrupted while waiting for an instance");
        }
    }
}

package io.slipway.scheduler;

import io.slipway.core.AppManifest.HealthCheck;
import io.slipway.core.DeployFailedException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * When a new instance is live. A web instance listens on its port ({@link Readiness}); app.json startup
 * checks (Dokku's format) refine that with a path, expected content, attempts, timeouts and
 * waits. Any other process must stay up for a while.
 */
final class StartupChecks {

    /** When the push hears that a web instance listens on another port than $PORT. */
    private static final Duration EARLY_HINT = Duration.ofSeconds(10);
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(2);
    /**
     * How long a web instance with no checks of its own must keep running once it listens: a server
     * that binds, then finds it cannot run (next start with no build) exits within it, and the deploy
     * fails before traffic moves.
     */
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final String NOT_LISTENING = "; make the web process listen on 0.0.0.0:$PORT. A process that is"
            + " not a web server belongs in the Procfile under another name (worker: ...), and with no web"
            + " line there, app.json's formation can set web's quantity to 0";

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
    void await(String id, InstanceSpec spec, Readiness.Target target, Consumer<String> report) {
        List<HealthCheck> checks = spec.release().manifest().healthchecks().getOrDefault(spec.type(), List.of())
                .stream().filter(c -> c.type().equals("startup")).toList();
        if (target.hostPort() > 0) {
            awaitListening(id, spec, target, bootTimeout(settings.bootTimeout(), checks), report);
            if (checks.isEmpty()) {
                awaitUptime(id, spec, SETTLE);
            }
        } else if (checks.isEmpty()) {
            awaitUptime(id, spec, settings.workerUptime());
        }
        for (HealthCheck check : checks) {
            try {
                run(id, spec, target, check);
            } catch (DeployFailedException e) {
                if (!check.warn()) {
                    throw e;
                }
                ensureRunning(id, spec);
                report.accept("warning: " + e.getMessage() + " (the check says warn: the deploy goes on)");
            }
        }
    }

    /** The platform's boot timeout, or longer when the app's own checks allow it more (a slow-starting JVM). */
    static Duration bootTimeout(Duration platform, List<HealthCheck> checks) {
        long seconds = 0;
        for (HealthCheck check : checks) {
            seconds += check.initialDelaySeconds()
                    + (long) Math.max(1, check.attempts()) * (Math.max(1, check.timeoutSeconds()) + check.waitSeconds());
        }
        return platform.compareTo(Duration.ofSeconds(seconds)) >= 0 ? platform : Duration.ofSeconds(seconds);
    }

    private void awaitListening(String id, InstanceSpec spec, Readiness.Target target, Duration timeout,
                                Consumer<String> report) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        boolean told = false;
        long look = start + EARLY_HINT.toNanos();
        while (System.nanoTime() < deadline) {
            ensureRunning(id, spec);
            if (Readiness.listens(target, 1000)) {
                return;
            }
            // An app that listens elsewhere (a port written in its code) is waited for all the same,
            // as it may open $PORT later; the push says so early rather than after the whole wait.
            // One that listens on $PORT at a loopback address can never be reached: it fails now.
            // Looked at every 2 s from then on until there is something to say: an app may open its own port late.
            if (!told && System.nanoTime() > look) {
                look = System.nanoTime() + LOOK_AGAIN.toNanos();
                List<String> listening = listening(id);
                String hint = Listeners.hint(listening, spec.port(), spec.app());
                if (Listeners.loopbackOnly(listening, spec.port())) {
                    throw new DeployFailedException(spec.instance() + " does not listen on $PORT (" + spec.port()
                            + ") where the router can reach it" + hint);
                }
                if (!hint.isEmpty()) {
                    told = true;
                    report.accept(spec.instance() + " does not listen on $PORT (" + spec.port() + ") yet" + hint
                            + " (waiting up to " + timeout.toSeconds() + " s)");
                }
            }
            sleep(Duration.ofMillis(100));
        }
        String hint = Listeners.hint(listening(id), spec.port(), spec.app());
        throw new DeployFailedException(spec.instance() + " did not listen on $PORT (" + spec.port() + ") within "
                + timeout.toSeconds() + " s" + (hint.isEmpty() ? NOT_LISTENING : hint));
    }

    /** The sockets the instance listens on; empty when they cannot be read. */
    private List<String> listening(String id) {
        long pid = containers.state(id).map(Containers.State::pid).orElse(0L);
        return pid > 0 ? Listeners.listening(pid) : List.of();
    }

    private void awaitUptime(String id, InstanceSpec spec, Duration uptime) {
        long deadline = System.nanoTime() + uptime.toNanos();
        while (System.nanoTime() < deadline) {
            ensureRunning(id, spec);
            sleep(Duration.ofMillis(200));
        }
        ensureRunning(id, spec);
    }

    private void run(String id, InstanceSpec spec, Readiness.Target target, HealthCheck check) {
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
            } else if (!check.http() && !check.listening()) {
                // Dokku's check with no path, command or listening: the instance runs.
                return;
            } else if (target.hostPort() > 0) {
                last = probe(spec.port(), target, check);
                if (last.isEmpty()) {
                    return;
                }
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

    /**
     * One HTTP (or, with {@code listening}, TCP) attempt of an app.json check; empty when it passed,
     * else what went wrong. A check on a port other than $PORT goes to the container's own address:
     * only $PORT is published.
     */
    static String probe(int appPort, Readiness.Target target, HealthCheck check) {
        int timeout = (int) Duration.ofSeconds(Math.max(1, check.timeoutSeconds())).toMillis();
        int port = check.port() > 0 ? check.port() : appPort;
        boolean published = port == appPort;
        if (!published && target.direct() == null) {
            return "port " + port + " is not published and the container's own address is not reachable from"
                    + " here; check $PORT (" + appPort + ") instead";
        }
        if (check.listening()) {
            return Readiness.listens(published ? target : new Readiness.Target(0, target.direct(port)), timeout)
                    ? "" : "nothing listens on port " + port;
        }
        if (!check.http()) {
            return "";
        }
        boolean https = check.scheme().equals("https");
        Readiness.Probe probe = Readiness.get(published ? Containers.LOOPBACK : target.direct().getHostString(),
                published ? target.hostPort() : port, check.path(), timeout, check.httpHeaders(), https);
        String request = "GET " + (https ? "https " : "") + check.path() + (published ? "" : " on port " + port);
        return !probe.answered() ? request + ": " + probe.error()
                : !probe.ok() ? request + " answered " + probe.status()
                : !probe.body().contains(check.content()) ? request + " did not contain '" + check.content() + "'"
                : "";
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
                    : " exited with status " + state.exitCode() + " while starting"
                    + (state.exitCode() == 0 && spec.type().equals("web") ? ": a web process must keep running and"
                    + " serve HTTP on $PORT. A command that does its work and exits goes in a Procfile under another"
                    + " name (task: COMMAND), with no web line, and runs with: run " + spec.app() + " task" : "")));
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

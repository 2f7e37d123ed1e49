package io.slipway.core;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs releases as instances and keeps them running: the desired state is each app's current
 * release and its formation; a control loop converges the real instances to it. Backends (the
 * local Docker engine, Docker Swarm) implement this; nothing here names a container.
 */
public interface Scheduler extends AutoCloseable {

    /**
     * Zero-downtime deploy: runs the release phase, starts the new instances, waits for their
     * checks, moves the routes, drains and stops the old instances, then runs postdeploy.
     *
     * @throws DeployFailedException when the release phase fails or an instance fails its
     *                               checks; the previous release keeps serving untouched
     */
    void deploy(Release release, PushLog log);

    /** Sets quantities per process type (ps:scale) and converges to them. */
    void scale(AppName app, Map<String, Integer> quantities, PushLog log);

    /** Rolling restart of one process type, or of all when {@code type} is empty; a stopped app starts. */
    void restart(AppName app, String type, PushLog log);

    /**
     * Stops every instance of the app (ps:stop). It stays stopped, across restarts of the platform,
     * until {@link #start}, a scale, a restart or a new release; its formation is kept.
     *
     * @return false when it was stopped already
     */
    boolean stop(AppName app, PushLog log);

    /**
     * Starts a stopped app at its formation (ps:start), and any missing instance of a running one.
     *
     * @return whether it was stopped
     */
    boolean start(AppName app, PushLog log);

    /** Whether the app is stopped (ps:stop). */
    boolean stopped(AppName app);

    /** Every instance of the app, for {@code ps}. */
    List<Instance> instances(AppName app);

    /** Runs a one-off command in a fresh instance of the release; returns its exit status. */
    int run(Release release, List<String> command, Terminal terminal);

    /** Stops and removes everything the app runs. */
    void remove(AppName app);

    /** Finds the instances already running (after a daemon restart), routes to them, and starts converging. */
    void adopt();

    @Override
    default void close() {
    }

    /** One running (or crashed) instance. */
    record Instance(String name, String type, int number, String state, Instant since, int restarts, String release) {
    }

    /** The caller's streams for a one-off run; {@code tty} when the SSH client asked for a terminal. */
    record Terminal(InputStream in, OutputStream out, OutputStream err, boolean tty) {
    }
}

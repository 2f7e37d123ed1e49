package io.slipway.core;

import java.util.Map;

/** Runs releases as containers and keeps them running. */
public interface Scheduler extends AutoCloseable {

    /**
     * Starts {@code release}'s instances with {@code env}, waits until they are live, routes
     * traffic to them and then stops the previous release's instances.
     *
     * @throws DeployFailedException when the new instances do not become live; the previous
     *                               release is untouched
     */
    void deploy(Release release, Map<String, String> env, PushLog log);

    /** Finds the instances already running (after a daemon restart) and routes to them. */
    void adopt();

    @Override
    default void close() {
    }
}

package io.slipway.core;

import java.time.Instant;
import java.util.Map;

/**
 * One deployable version of an app: an image, the manifest that says how to run it, and the
 * config vars it runs with.
 * Versions count up from 1 per app ({@code v1, v2, ...}).
 */
public record Release(AppName app, int version, String image, String commit, String description,
                      Status status, AppManifest manifest, Map<String, String> config, Instant createdAt) {

    public Release {
        config = Map.copyOf(config);
    }

    public enum Status { PENDING, DEPLOYED, FAILED }

    /** The command of every process type the release can run. */
    public Map<String, String> processes() {
        return manifest.processes();
    }

    public String label() {
        return "v" + version;
    }

    /**
     * The port the web process listens on, which instances get as $PORT: the PORT config var when
     * the app sets one (for an app written for a port of its own, as Railway and Render read it),
     * else the build's (5000, or a Dockerfile's EXPOSE).
     */
    public int port() {
        String configured = config.get("PORT");
        return configured != null && portProblem(configured).isEmpty() ? Integer.parseInt(configured) : manifest.port();
    }

    /** What is wrong with {@code value} as the PORT config var; empty when it is a port an app may listen on. */
    public static String portProblem(String value) {
        if (value.matches("[0-9]{4,5}") && Integer.parseInt(value) >= 1024 && Integer.parseInt(value) <= 65535) {
            return "";
        }
        return "PORT is the port the web process listens on, when it is not the one the platform chooses: give a"
                + " number from 1024 to 65535 (e.g. config:set APP PORT=3000), or config:unset it to use $PORT as given";
    }

    public Release withStatus(Status newStatus) {
        return new Release(app, version, image, commit, description, newStatus, manifest, config, createdAt);
    }

    /** The same release run from another image (one that adds what its predeploy script wrote). */
    public Release withImage(String newImage) {
        return new Release(app, version, newImage, commit, description, status, manifest, config, createdAt);
    }
}

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

    public Release withStatus(Status newStatus) {
        return new Release(app, version, image, commit, description, newStatus, manifest, config, createdAt);
    }

    /** The same release run from another image (one that adds what its predeploy script wrote). */
    public Release withImage(String newImage) {
        return new Release(app, version, newImage, commit, description, status, manifest, config, createdAt);
    }
}

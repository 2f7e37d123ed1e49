package io.slipway.core;

import java.time.Instant;
import java.util.Map;

/**
 * One deployable version of an app: an image and the manifest that says how to run it.
 * Versions count up from 1 per app ({@code v1, v2, ...}).
 */
public record Release(AppName app, int version, String image, String commit, String description,
                      Status status, AppManifest manifest, Instant createdAt) {

    public enum Status { PENDING, DEPLOYED, FAILED }

    public Map<String, String> processes() {
        return manifest.processes();
    }

    public String label() {
        return "v" + version;
    }

    public Release withStatus(Status newStatus) {
        return new Release(app, version, image, commit, description, newStatus, manifest, createdAt);
    }
}

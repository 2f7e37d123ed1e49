package io.slipway.core;

import java.time.Instant;
import java.util.Map;

/**
 * One deployable version of an app: an image plus the process commands and the config it runs
 * with. Versions count up from 1 per app ({@code v1, v2, ...}).
 */
public record Release(AppName app, int version, String image, String commit, String description,
                      Status status, Map<String, String> processes, Instant createdAt) {

    public enum Status { PENDING, DEPLOYED, FAILED }

    public Release {
        processes = Map.copyOf(processes);
    }

    public String label() {
        return "v" + version;
    }

    public Release withStatus(Status newStatus) {
        return new Release(app, version, image, commit, description, newStatus, processes, createdAt);
    }
}

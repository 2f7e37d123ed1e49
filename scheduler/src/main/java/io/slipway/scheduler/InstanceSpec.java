package io.slipway.scheduler;

import io.slipway.core.AppManifest;
import io.slipway.core.Release;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to start one container of a release: an instance of the formation
 * ({@code web.1}) or a one-off ({@code run.1}, {@code release}, {@code cron.2}).
 *
 * @param command for one-offs, the command line; empty for formation instances (the process type's)
 */
record InstanceSpec(Release release, String type, int number, String role, List<String> command, int restarts,
                    long memoryBytes) {

    String instance() {
        return number > 0 ? type + "." + number : type;
    }

    String app() {
        return release.app().value();
    }

    int port() {
        return release.port();
    }

    /** The release's env defaults, its config vars, then what the platform sets. */
    Map<String, String> env() {
        AppManifest manifest = release.manifest();
        Map<String, String> env = new LinkedHashMap<>(manifest.env());
        env.putAll(release.config());
        env.put("PORT", String.valueOf(port()));
        env.put("SLIPWAY_APP", app());
        env.put("SLIPWAY_RELEASE", release.label());
        env.put("SLIPWAY_INSTANCE", instance());
        env.put("DYNO", instance());
        String command = release.processes().getOrDefault(type, "");
        if (this.command.isEmpty() && manifest.launcher() && !command.isEmpty()) {
            env.put("SLIPWAY_PROCESS_COMMAND", command);
        }
        return env;
    }

    Map<String, String> labels() {
        return Map.of(Labels.APP, app(), Labels.PROCESS, type, Labels.RELEASE, release.label(),
                Labels.INSTANCE, instance(), Labels.ROLE, role, Labels.RESTARTS, String.valueOf(restarts),
                Labels.PORT, String.valueOf(port()));
    }

    static InstanceSpec formation(Release release, String type, int number, int restarts, long memoryBytes) {
        return new InstanceSpec(release, type, number, Labels.INSTANCE_ROLE, List.of(), restarts, memoryBytes);
    }

    static InstanceSpec oneOff(Release release, String type, int number, String role, List<String> command,
                               long memoryBytes) {
        return new InstanceSpec(release, type, number, role, command, 0, memoryBytes);
    }
}

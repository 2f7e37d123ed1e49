package io.slipway.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a release's image and app files say about running it: the command of each process type,
 * the default formation, health checks, cron jobs, deploy scripts, env defaults and add-ons. The
 * builder produces it; the scheduler and the deploy pipeline follow it.
 *
 * @param processes    type → shell command; an empty command means the image's own default
 * @param formation    type → default quantity and memory from app.json, app.yaml or profile
 * @param healthchecks type → checks in Dokku's app.json format
 * @param env          defaults for config vars the user has not set
 * @param addons       the add-ons app.json asks for
 * @param port         the port the web process listens on inside its container
 * @param launcher     true when the image runs processes through the CNB launcher ({@code CMD [type]})
 * @param firstDeploy  Heroku's app.json {@code scripts.postdeploy}: run once, after the app's first deploy
 */
public record AppManifest(Map<String, String> processes, Map<String, Formation> formation,
                          Map<String, List<HealthCheck>> healthchecks, List<CronJob> cron, String predeploy,
                          String postdeploy, Map<String, String> env, int port, boolean launcher,
                          List<AddonPlan> addons, String firstDeploy) {

    public static final int DEFAULT_PORT = 5000;

    public AppManifest {
        processes = Map.copyOf(processes);
        formation = Map.copyOf(formation);
        healthchecks = Map.copyOf(healthchecks);
        cron = List.copyOf(cron);
        env = Map.copyOf(env);
        addons = addons == null ? List.of() : List.copyOf(addons);
        predeploy = predeploy == null ? "" : predeploy;
        postdeploy = postdeploy == null ? "" : postdeploy;
        firstDeploy = firstDeploy == null ? "" : firstDeploy;
    }

    public static AppManifest ofProcesses(Map<String, String> processes) {
        return new AppManifest(processes, Map.of(), Map.of(), List.of(), "", "", Map.of(), DEFAULT_PORT, true, List.of(), "");
    }

    /** Default quantity and memory of one process type; {@link #UNSET} where the app files are silent. */
    public record Formation(int quantity, long memoryBytes) {

        public static final int UNSET = -1;

        public Formation withQuantity(int q) {
            return new Formation(q, memoryBytes);
        }

        public Formation withMemory(long bytes) {
            return new Formation(quantity, bytes);
        }

        /** This formation with the other's settings laid over it where the other sets them. */
        public Formation overriddenBy(Formation other) {
            return new Formation(other.quantity != UNSET ? other.quantity : quantity,
                    other.memoryBytes != UNSET ? other.memoryBytes : memoryBytes);
        }
    }

    /** One Dokku-style check (app.json {@code healthchecks}). */
    public record HealthCheck(String type, String name, String path, int port, int attempts, int timeoutSeconds,
                              int waitSeconds, int initialDelaySeconds, String content, List<String> command,
                              int uptimeSeconds, boolean listening, Map<String, String> httpHeaders, String scheme,
                              boolean warn) {

        public HealthCheck {
            // Releases stored before a field existed read it as null.
            path = path == null ? "" : path;
            content = content == null ? "" : content;
            command = command == null ? List.of() : List.copyOf(command);
            httpHeaders = httpHeaders == null ? Map.of() : Map.copyOf(httpHeaders);
            scheme = scheme == null || scheme.isEmpty() ? "http" : scheme;
        }

        /** Whether it sends a request: it names a path (Dokku's check without one is an uptime check). */
        public boolean http() {
            return !path.isEmpty();
        }
    }

    /** One app.json {@code cron} entry. */
    public record CronJob(String command, String schedule, String concurrencyPolicy) {
    }

    public AppManifest withProcesses(Map<String, String> newProcesses) {
        return new AppManifest(newProcesses, formation, healthchecks, cron, predeploy, postdeploy, env, port, launcher,
                addons, firstDeploy);
    }

    public AppManifest withProcess(String type, String command) {
        Map<String, String> copy = new LinkedHashMap<>(processes);
        copy.put(type, command);
        return withProcesses(copy);
    }
}

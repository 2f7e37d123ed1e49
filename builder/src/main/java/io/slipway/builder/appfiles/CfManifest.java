package io.slipway.builder.appfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cloud Foundry's manifest.yml, read as {@code cf push} reads it for its first application (or
 * its top-level, older form): {@code command} is the web process (a Procfile's web line wins),
 * {@code env} the release's defaults and the build's environment (config vars win),
 * {@code instances} and {@code memory} web's formation, {@code buildpack(s)} the buildpacks
 * (Cloud Foundry's names for the bundled ones). What it has that is not used here is named in the
 * push log. A manifest that is not YAML is named there too, and nothing of it is used.
 *
 * @param memoryBytes 0 when not set
 * @param instances -1 when not set
 */
record CfManifest(String command, Map<String, String> env, int instances, long memoryBytes, List<String> buildpacks,
                  String note) {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String NAME = "Cloud Foundry's";
    /** Cloud Foundry's buildpacks, by the names manifests give them, and the bundled ones that do the same. */
    private static final Map<String, String> BUNDLED = Map.of("nodejs", "slipway/nodejs", "go", "slipway/go",
            "php", "slipway/php", "java", "slipway/java", "python", "slipway/python", "staticfile", "slipway/static");
    /** Commands that run what only Cloud Foundry's staging leaves behind. */
    private static final java.util.regex.Pattern CF_ONLY = java.util.regex.Pattern.compile(
            "\\.java-buildpack|/home/vcap|\\$HOME/boot\\.sh|\\.cloudfoundry/");
    private static final java.util.regex.Pattern CF_BUILDPACK = java.util.regex.Pattern.compile(
            "(?:https?://github\\.com/cloudfoundry/([a-z]+)-buildpack(?:\\.git)?/?(?:#.*)?|([a-z]+)_buildpack)");

    static CfManifest parse(String file, byte[] bytes) {
        JsonNode root = ForeignFiles.readLeniently(YAML, bytes);
        if (root == null || !root.isObject()) {
            return new CfManifest("", Map.of(), -1, 0, List.of(), file + " (" + NAME + ") " + (root == null
                    ? "is not YAML" : "has no application settings") + " and is not read: put its command in a"
                    + " Procfile (web: COMMAND), its env in config:set, its instances in ps:scale");
        }
        JsonNode app = root.path("applications").path(0).isObject() ? root.path("applications").path(0) : root;
        List<String> ignored = new ArrayList<>();
        // Another application's directory (path: backend), or one of several: only its env is used.
        String path = app.path("path").asText("").strip();
        boolean elsewhere = root.path("applications").size() > 1
                || !path.isEmpty() && !path.equals(".") && !path.equals("./") && !path.matches("(?i).*\\.(jar|war|zip)");
        Map<String, String> env = new LinkedHashMap<>();
        app.path("env").fields().forEachRemaining(e -> {
            if (e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*") && e.getValue().isValueNode() && !e.getValue().isNull()) {
                env.put(e.getKey(), e.getValue().asText());
            } else {
                ignored.add("env " + e.getKey() + " (not a NAME: value)");
            }
        });
        String command = app.path("command").isTextual() ? app.path("command").asText().strip() : "";
        if (CF_ONLY.matcher(command).find()) {
            ignored.add("command " + command + " (it runs what Cloud Foundry's buildpacks install; the buildpack's"
                    + " own start command runs here)");
            command = "";
        }
        JsonNode count = app.path("instances");
        int instances = count.canConvertToInt() && count.asInt() >= 0 ? count.asInt() : -1;
        if (!count.isMissingNode() && instances < 0) {
            ignored.add("instances " + count.asText() + " (not a whole number)");
        }
        long memory = 0;
        if (app.hasNonNull("memory")) {
            memory = Memory.parse(app.path("memory").asText()).orElse(0L);
            if (memory == 0) {
                ignored.add("memory " + app.path("memory").asText() + " (not a size such as 512M)");
            }
        }
        List<String> buildpacks = new ArrayList<>();
        if (app.path("buildpacks").isArray()) {
            app.path("buildpacks").forEach(b -> buildpacks.add(b.asText()));
        } else if (app.path("buildpack").isTextual()) {
            buildpacks.add(app.path("buildpack").asText());
        }
        buildpacks.removeIf(String::isBlank);
        List<String> bundled = buildpacks.stream().map(CfManifest::bundled).toList();
        if (bundled.contains(null)) {
            ignored.add("buildpacks " + String.join(", ", buildpacks) + " (Slipway bundles Node.js, Go, PHP, Java,"
                    + " Python and static ones; detection chooses)");
            buildpacks.clear();
        } else {
            buildpacks.clear();
            buildpacks.addAll(bundled);
        }
        if (elsewhere) {
            ignored.add((root.path("applications").size() > 1 ? "applications after the first, and the first's"
                    : "path " + path + " (another directory's app):") + " command, instances, memory and buildpacks"
                    + " (the app is built from the repository's root; BUILDPACK_URL or a Procfile chooses there)");
            return new CfManifest("", env, -1, 0, List.of(), note(file, env.isEmpty() ? List.of()
                    : List.of("env (" + String.join(", ", env.keySet()) + "; config vars win)"), ignored));
        }
        for (String key : List.of("services", "routes", "route", "domain", "domains", "host", "hosts", "path",
                "docker", "disk_quota", "health-check-type", "health-check-http-endpoint", "timeout", "sidecars",
                "processes", "stack")) {
            if (app.has(key)) {
                ignored.add(key + ignoredWhy(key));
            }
        }
        List<String> used = new ArrayList<>();
        if (!command.isEmpty()) {
            used.add("command (web, unless the Procfile has a web line)");
        }
        if (!env.isEmpty()) {
            used.add("env (" + String.join(", ", env.keySet()) + "; config vars win)");
        }
        if (instances >= 0) {
            used.add("instances (" + instances + ")");
        }
        if (memory > 0) {
            used.add("memory (" + app.path("memory").asText() + ")");
        }
        if (!buildpacks.isEmpty()) {
            used.add("buildpacks (" + String.join(", ", buildpacks) + ")");
        }
        return new CfManifest(command, env, instances, memory, List.copyOf(buildpacks), note(file, used, ignored));
    }

    private static String note(String file, List<String> used, List<String> ignored) {
        return used.isEmpty() && ignored.isEmpty() ? "" : file + " (" + NAME + ")"
                + (used.isEmpty() ? "" : ": using its " + String.join(", ", used))
                + (ignored.isEmpty() ? "" : (used.isEmpty() ? ": " : "; ") + "not used: " + String.join("; ", ignored));
    }

    /** The bundled buildpack a manifest's name or Cloud Foundry URL stands for; null when none does. */
    private static String bundled(String named) {
        java.util.regex.Matcher m = CF_BUILDPACK.matcher(named.strip().toLowerCase(java.util.Locale.ROOT));
        return m.matches() ? BUNDLED.get(m.group(1) != null ? m.group(1) : m.group(2)) : null;
    }

    private static String ignoredWhy(String key) {
        return switch (key) {
            case "services" -> " (create add-ons: addons:create APP postgres)";
            case "routes", "route", "domain", "domains", "host", "hosts" -> " (the app answers at APP.DOMAIN; domains:add"
                    + " adds a custom one)";
            case "path" -> " (the app is built from its source)";
            case "health-check-type", "health-check-http-endpoint", "timeout" -> " (the platform checks that web"
                    + " listens on $PORT; app.json healthchecks add an HTTP check)";
            case "processes", "sidecars" -> " (put each process in a Procfile)";
            default -> "";
        };
    }
}

package io.slipway.builder.appfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Render's blueprint, render.yaml, which is not read: the push note says how to get what it asks
 * for here, filled in from its services (start commands as Procfile lines, the pre-deploy command
 * as a release line, plain values as config:set) and its databases and key-value stores (as
 * add-ons).
 */
final class RenderYaml {

    static final String FILE = "render.yaml";
    private static final YAMLMapper YAML = new YAMLMapper();

    private RenderYaml() {
    }

    static String note(byte[] bytes) {
        JsonNode root = ForeignFiles.readLeniently(YAML, bytes);
        List<String> lines = new ArrayList<>();
        List<String> builds = new ArrayList<>();
        List<String> crons = new ArrayList<>();
        List<String> values = new ArrayList<>();
        Set<String> addons = new LinkedHashSet<>();
        Set<String> generated = new LinkedHashSet<>();
        if (root != null && root.path("databases").size() > 0) {
            addons.add("postgres");
        }
        for (JsonNode service : ForeignFiles.elements(root == null ? null : root.path("services"))) {
            String type = service.path("type").asText("");
            String start = service.path("startCommand").asText("");
            if (type.equals("redis") || type.equals("keyvalue")) {
                addons.add("redis");
            } else if (type.equals("cron") && !start.isEmpty()) {
                crons.add("{\"command\": \"" + ForeignFiles.json(start) + "\", \"schedule\": \""
                        + ForeignFiles.json(service.path("schedule").asText("")) + "\"}");
            } else if (!start.isEmpty()) {
                lines.add((type.equals("web") || type.equals("pserv") ? "web" : "worker") + ": " + start);
            }
            String build = service.path("buildCommand").asText("");
            if (!build.isEmpty() && !builds.contains(build)) {
                builds.add(build);
            }
            String preDeploy = service.path("preDeployCommand").asText("");
            if (!preDeploy.isEmpty()) {
                lines.add("release: " + preDeploy);
            }
            for (JsonNode variable : ForeignFiles.elements(service.path("envVars"))) {
                String key = variable.path("key").asText("");
                JsonNode from = variable.path("fromDatabase").isObject() ? variable.path("fromDatabase")
                        : variable.path("fromService");
                if (key.isEmpty()) {
                    continue;
                } else if (variable.has("value")) {
                    values.add(ForeignFiles.shellWord(key, variable.path("value").asText()));
                } else if (variable.path("generateValue").asBoolean(false)) {
                    generated.add(key);
                } else if (from.isObject() && from.path("type").asText("").toLowerCase(Locale.ROOT).matches("redis|keyvalue")) {
                    addons.add("redis");
                } else if (variable.path("fromDatabase").isObject()) {
                    addons.add("postgres");
                }
            }
        }
        List<String> ways = new ArrayList<>();
        ways.add(lines.isEmpty() ? "put its start command in a Procfile (web: COMMAND)"
                : "put its commands in a Procfile (" + String.join("; ", lines) + ")");
        if (!crons.isEmpty()) {
            ways.add("its cron jobs in app.json (\"cron\": [" + String.join(", ", crons) + "])");
        }
        if (!builds.isEmpty()) {
            ways.add("the buildpack installs the dependencies itself; anything else its build command ("
                    + String.join("; ", builds) + ") does belongs in package.json's build script or bin/post_compile");
        }
        if (!values.isEmpty()) {
            ways.add("set its values with config:set APP " + String.join(" ", values));
        }
        if (!generated.isEmpty()) {
            ways.add("set " + String.join(", ", generated) + " (which Render generates) to a secret of your own with config:set");
        }
        for (String addon : addons) {
            ways.add("addons:create APP " + addon + " for its " + (addon.equals("redis") ? "key-value store (REDIS_URL)"
                    : "database (DATABASE_URL)"));
        }
        return FILE + " (Render's) is not read: " + String.join(", ", ways);
    }
}

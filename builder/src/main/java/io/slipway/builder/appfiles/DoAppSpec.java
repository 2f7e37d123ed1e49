package io.slipway.builder.appfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DigitalOcean App Platform's app spec ({@code .do/app.yaml}, or {@code .do/deploy.template.yaml}
 * with the spec under {@code spec:}), which is not read: the push note says how to get what it
 * asks for here, filled in from its components (run commands as Procfile lines, pre-deploy jobs
 * as a release line, plain envs as config:set, databases as add-ons).
 */
final class DoAppSpec {

    static final List<String> FILES = List.of(".do/app.yaml", ".do/deploy.template.yaml");
    private static final YAMLMapper YAML = new YAMLMapper();

    private DoAppSpec() {
    }

    static String note(String file, byte[] bytes) {
        JsonNode root = ForeignFiles.readLeniently(YAML, bytes);
        JsonNode spec = root == null ? null : root.path("spec").isObject() ? root.path("spec") : root;
        List<String> lines = new ArrayList<>();
        List<String> values = new ArrayList<>();
        Set<String> addons = new LinkedHashSet<>();
        Set<String> elsewhere = new LinkedHashSet<>();
        List<String> ports = new ArrayList<>();
        List<JsonNode> components = new ArrayList<>();
        boolean builds = false;
        if (spec != null) {
            spec.path("envs").forEach(components::add); // app-wide envs, as one pseudo-component
            for (String kind : List.of("services", "workers", "jobs", "static_sites")) {
                for (JsonNode component : spec.path(kind)) {
                    components.add(component);
                    String run = component.path("run_command").asText("");
                    if (kind.equals("services") && !run.isEmpty()) {
                        lines.add("web: " + run);
                    } else if (kind.equals("workers") && !run.isEmpty()) {
                        lines.add("worker: " + run);
                    } else if (kind.equals("jobs") && !run.isEmpty()
                            && component.path("kind").asText("").toUpperCase(Locale.ROOT).startsWith("PRE_DEPLOY")) {
                        lines.add("release: " + run);
                    }
                    int port = component.path("http_port").asInt(0);
                    if (port > 0 && port != 5000) {
                        ports.add(component.path("name").asText(kind) + " on " + port);
                    }
                    for (String key : List.of("source_dir", "dockerfile_path")) {
                        String value = component.path(key).asText("");
                        if (!value.isEmpty() && !value.equals("/") && !value.equals("Dockerfile")) {
                            elsewhere.add(key + ": " + value);
                        }
                    }
                }
            }
            for (JsonNode database : spec.path("databases")) {
                // Engines with an add-on here; MongoDB, Kafka and OpenSearch have none.
                switch (database.path("engine").asText("").toUpperCase(Locale.ROOT)) {
                    case "PG", "POSTGRES", "POSTGRESQL" -> addons.add("postgres");
                    case "MYSQL" -> addons.add("mysql");
                    case "REDIS", "VALKEY" -> addons.add("redis");
                    default -> { }
                }
            }
            for (JsonNode service : spec.path("services")) {
                builds |= service.has("build_command");
            }
        }
        for (JsonNode component : components) {
            for (JsonNode env : component.has("key") ? List.of(component) : ForeignFiles.elements(component.path("envs"))) {
                String key = env.path("key").asText("");
                String value = env.path("value").asText("");
                if (!key.isEmpty() && !value.isEmpty() && !value.contains("${")
                        && !env.path("type").asText("").equalsIgnoreCase("SECRET")) {
                    String word = CfManifest.shellWord(key, value);
                    if (!values.contains(word)) {
                        values.add(word);
                    }
                }
            }
        }
        List<String> ways = new ArrayList<>();
        ways.add(lines.isEmpty() ? "put its run command in a Procfile (web: COMMAND)"
                : "put its commands in a Procfile (" + String.join("; ", lines) + ")");
        ways.add(values.isEmpty() ? "its envs in config:set" : "set its envs with config:set APP " + String.join(" ", values)
                + " (and its secrets, which it does not hold)");
        if (!ports.isEmpty()) {
            ways.add("listen on $PORT, not http_port (" + String.join(", ", ports) + ")");
        }
        if (!elsewhere.isEmpty()) {
            ways.add("push the component's directory as its own repository (" + String.join(", ", elsewhere) + ")");
        }
        for (String addon : addons) {
            ways.add("addons:create APP " + addon + " for its database");
        }
        if (builds) {
            ways.add("the buildpack installs the dependencies itself; a build_command's other steps belong in"
                    + " package.json's build script or bin/post_compile");
        }
        return file + " (DigitalOcean App Platform's) is not read: " + String.join(", ", ways);
    }
}

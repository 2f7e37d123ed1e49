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
        Set<String> dockerfiles = new LinkedHashSet<>();
        Set<Integer> ports = new LinkedHashSet<>();
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
                        ports.add(port);
                    }
                    String dir = component.path("source_dir").asText("").replaceAll("^\\.?/+|/+$", "");
                    if (!dir.isEmpty() && !dir.equals(".")) {
                        elsewhere.add("source_dir: " + component.path("source_dir").asText());
                    }
                    String dockerfile = component.path("dockerfile_path").asText("").replaceAll("^\\./", "");
                    if (!dockerfile.isEmpty() && !dockerfile.equals("Dockerfile")) {
                        dockerfiles.add(dockerfile);
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
        boolean secrets = false;
        for (JsonNode component : components) {
            for (JsonNode env : component.has("key") ? List.of(component) : ForeignFiles.elements(component.path("envs"))) {
                String key = env.path("key").asText("");
                String value = env.path("value").asText("");
                boolean secret = env.path("type").asText("").equalsIgnoreCase("SECRET");
                secrets |= secret && !key.isEmpty();
                if (!key.isEmpty() && !value.isEmpty() && !value.contains("${") && !secret) {
                    String word = ForeignFiles.shellWord(key, value);
                    if (!values.contains(word)) {
                        values.add(word);
                    }
                }
            }
        }
        List<String> ways = new ArrayList<>();
        if (!lines.isEmpty()) {
            ways.add("put its commands in a Procfile (" + String.join("; ", lines) + ")");
        }
        if (!values.isEmpty()) {
            ways.add("set its envs with config:set APP " + String.join(" ", values)
                    + (secrets ? " (and its secrets, which it does not hold)" : ""));
        } else if (secrets) {
            ways.add("set its secrets with config:set APP KEY=VALUE");
        }
        if (ports.size() == 1) {
            int port = ports.iterator().next();
            ways.add("App Platform routes to http_port " + port + " and Slipway to $PORT: an app that listens on " + port
                    + " whatever $PORT says needs config:set APP PORT=" + port);
        } else if (!ports.isEmpty()) {
            ways.add("listen on $PORT rather than the http_port of each component (" + ports.stream()
                    .map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + ")");
        }
        if (!dockerfiles.isEmpty()) {
            ways.add("a Dockerfile is built only when it is ./Dockerfile (dockerfile_path: " + String.join(", ", dockerfiles)
                    + ")");
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
        return file + " (DigitalOcean App Platform's) is not read" + (ways.isEmpty()
                ? ", and nothing in it needs doing here" : ": " + String.join(", ", ways));
    }
}

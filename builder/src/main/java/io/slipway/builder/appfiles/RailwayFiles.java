package io.slipway.builder.appfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Railway's service config (railway.json, railway.toml) and Railpack's build config
 * (railpack.json), which are not read: the push note says how to get what they ask for here,
 * filled in from their start, pre-deploy, build and health check settings.
 */
final class RailwayFiles {

    /** The files in the order they are looked for: Railway reads one of railway.json and railway.toml. */
    static final List<String> FILES = List.of("railway.json", "railway.toml", "railpack.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TomlMapper TOML = new TomlMapper();

    private RailwayFiles() {
    }

    static String note(String file, byte[] bytes) {
        JsonNode root = ForeignFiles.readLeniently(file.endsWith(".toml") ? TOML : JSON, bytes);
        JsonNode deploy = root == null ? null : root.path("deploy");
        JsonNode build = root == null ? null : root.path("build");
        String start = text(deploy, "startCommand");
        List<String> lines = new ArrayList<>();
        String cron = text(deploy, "cronSchedule");
        List<String> ways = new ArrayList<>();
        if (!cron.isEmpty()) {
            ways.add("run it as a cron job in app.json (\"cron\": [{\"command\": \""
                    + ForeignFiles.json(start.isEmpty() ? "COMMAND" : start) + "\", \"schedule\": \""
                    + ForeignFiles.json(cron) + "\"}])");
        } else {
            lines.add("web: " + (start.isEmpty() ? "COMMAND" : start));
        }
        List<String> preDeploy = commands(deploy == null ? null : deploy.path("preDeployCommand"));
        if (!preDeploy.isEmpty()) {
            lines.add("release: " + String.join(" && ", preDeploy));
        }
        if (!lines.isEmpty()) {
            ways.add(0, "put its " + (preDeploy.isEmpty() ? "start command" : "commands") + " in a Procfile ("
                    + String.join("; ", lines) + ")");
        }
        String health = text(deploy, "healthcheckPath");
        if (!health.isEmpty()) {
            ways.add("its health check in app.json (\"healthchecks\": {\"web\": [{\"type\": \"startup\", \"path\": \""
                    + ForeignFiles.json(health) + "\"}]})");
        }
        String buildCommand = text(build, "buildCommand");
        if (!buildCommand.isEmpty()) {
            ways.add("the buildpack installs the dependencies itself; anything else its build command (" + buildCommand
                    + ") does belongs in package.json's build script or bin/post_compile");
        }
        if (root != null && root.path("packages").isObject() && root.path("packages").size() > 0) {
            ways.add("choose versions as the language's buildpack reads them (engines.node, .python-version, go.mod's go"
                    + " line, system.properties' java.runtime.version)");
        }
        boolean nothingToFillIn = ways.size() == 1 && start.isEmpty() && preDeploy.isEmpty() && cron.isEmpty();
        if (nothingToFillIn) {
            ways.add("the buildpack installs and builds what the app's package files say");
        }
        return file + " (" + (file.startsWith("railpack") ? "Railpack's" : "Railway's") + ") is not read: "
                + String.join(", ", ways);
    }

    private static String text(JsonNode node, String field) {
        return node == null ? "" : node.path(field).asText("").trim();
    }

    /** A command, or a list of them (railway.json's preDeployCommand may be either). */
    private static List<String> commands(JsonNode node) {
        List<String> commands = new ArrayList<>();
        if (node != null && node.isTextual() && !node.asText().isBlank()) {
            commands.add(node.asText().trim());
        }
        for (JsonNode command : ForeignFiles.elements(node)) {
            if (!command.asText("").isBlank()) {
                commands.add(command.asText().trim());
            }
        }
        return commands;
    }
}

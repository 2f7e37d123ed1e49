package io.slipway.builder.appfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Fly.io's fly.toml, which is not read: the push note says how to get what it asks for here,
 * filled in from its processes, release command, env and the port Fly routes to.
 */
final class FlyToml {

    static final String FILE = "fly.toml";
    private static final TomlMapper TOML = new TomlMapper();

    private FlyToml() {
    }

    static String note(byte[] bytes) {
        JsonNode root = ForeignFiles.readLeniently(TOML, bytes);
        List<String> lines = new ArrayList<>();
        List<String> env = new ArrayList<>();
        String release = "";
        int port = 0;
        if (root != null) {
            root.path("processes").fields().forEachRemaining(p -> lines.add(
                    (p.getKey().equals("app") ? "web" : p.getKey()) + ": " + p.getValue().asText()));
            release = root.path("deploy").path("release_command").asText("").trim();
            root.path("env").fields().forEachRemaining(e -> env.add(ForeignFiles.shellWord(e.getKey(), e.getValue().asText())));
            port = root.path("http_service").path("internal_port").asInt(0);
            for (JsonNode service : ForeignFiles.elements(root.path("services"))) {
                port = port > 0 ? port : service.path("internal_port").asInt(0);
            }
        }
        if (!release.isEmpty()) {
            lines.add("release: " + release);
        }
        List<String> ways = new ArrayList<>();
        ways.add(lines.isEmpty() ? "the start command goes in a Procfile (web: COMMAND) unless the buildpack's default"
                + " is right" : "put its commands in a Procfile (" + String.join("; ", lines) + ")");
        if (!env.isEmpty()) {
            ways.add("set its env with config:set APP " + String.join(" ", env));
        }
        if (port > 0) {
            ways.add("Fly routes to port " + port + " and Slipway to $PORT: an app that listens on " + port
                    + " whatever $PORT says needs config:set APP PORT=" + port);
        }
        return FILE + " (Fly.io's) is not read: " + String.join(", ", ways);
    }
}

package io.slipway.builder.appfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Nixpacks' nixpacks.toml (Railway, Coolify), which is not read: the push note says how to get
 * what it asks for here, with its start command and variables filled in.
 */
final class NixpacksToml {

    static final String FILE = "nixpacks.toml";
    private static final TomlMapper TOML = new TomlMapper();

    private NixpacksToml() {
    }

    static String note(byte[] bytes) {
        JsonNode root = ForeignFiles.readLeniently(TOML, bytes);
        List<String> ways = new ArrayList<>();
        String start = root == null ? "" : root.path("start").path("cmd").asText("");
        ways.add("put its start command in a Procfile (web: " + (start.isEmpty() ? "COMMAND" : start) + ")");
        List<String> variables = new ArrayList<>();
        if (root != null) {
            root.path("variables").fieldNames().forEachRemaining(variables::add);
        }
        ways.add(variables.isEmpty() ? "its variables in config:set"
                : "its variables (" + String.join(", ", variables) + ") in config:set");
        ways.add("the buildpack installs and builds what the app's package files say");
        return FILE + " (Nixpacks') is not read: " + String.join(", ", ways);
    }
}

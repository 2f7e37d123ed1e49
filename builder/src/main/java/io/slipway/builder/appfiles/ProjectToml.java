package io.slipway.builder.appfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Cloud Native Buildpacks project descriptor, {@code project.toml}, as {@code pack build}
 * reads it (schema 0.1 {@code [build]} and 0.2 {@code [io.buildpacks]}): its build-time
 * environment ({@code [[build.env]]}), which config vars override, and its {@code exclude}
 * patterns, which leave files out of the build like {@code .slugignore}. What it asks for that
 * is not honoured here (buildpack groups, {@code include}) is a note in the push log.
 */
record ProjectToml(Map<String, String> env, List<String> exclude, List<String> notes) {

    static final String FILE = "project.toml";
    private static final TomlMapper TOML = new TomlMapper();

    static ProjectToml parse(byte[] bytes) {
        JsonNode root = AppFileError.read(TOML, FILE, bytes);
        // Schema 0.2 keeps the buildpacks' table under [io.buildpacks]; 0.1 calls it [build].
        JsonNode v2 = root.path("io").path("buildpacks");
        JsonNode build = v2.isObject() ? v2.path("build") : root.path("build");
        JsonNode files = v2.isObject() ? v2 : root.path("build");

        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode entry : build.path("env")) {
            String name = entry.path("name").asText("");
            if (name.isEmpty() || !entry.has("value")) {
                throw AppFileError.in(FILE, "every [[build.env]] entry needs a name and a value, as name = \"KEY\""
                        + " and value = \"...\"");
            }
            // A name becomes a file of the build's env directory: what a config var's name may be.
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*") || name.startsWith("CNB_")) {
                throw AppFileError.in(FILE, "[[build.env]] name \"" + name + "\" is not a variable name"
                        + " (letters, digits and _, not starting with a digit or CNB_)");
            }
            env.put(name, entry.path("value").asText());
        }
        List<String> exclude = new ArrayList<>();
        files.path("exclude").forEach(pattern -> exclude.add(pattern.asText()));

        List<String> notes = new ArrayList<>();
        if (files.path("include").size() > 0) {
            notes.add(FILE + "'s include list is not read: every file is built except those exclude names"
                    + " (and .slugignore)");
        }
        List<String> buildpacks = new ArrayList<>();
        (v2.isObject() ? v2.path("group") : build.path("buildpacks")).forEach(b ->
                buildpacks.add(b.path("id").asText(b.path("uri").asText("?"))));
        if (!buildpacks.isEmpty()) {
            notes.add(FILE + " names buildpacks (" + String.join(", ", buildpacks) + "), which are not used:"
                    + " Slipway detects the app with its own, or uses what config:set APP BUILDPACK_URL=... names");
        }
        return new ProjectToml(env, exclude, notes);
    }
}

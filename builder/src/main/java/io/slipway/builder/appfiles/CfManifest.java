package io.slipway.builder.appfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Cloud Foundry's manifest.yml, which is not read: the push note says how to get what it asks for
 * here, with the commands filled in from its first application (or its top-level, older form):
 * its env as config:set, its command as a Procfile line, its instances as ps:scale.
 */
final class CfManifest {

    private static final YAMLMapper YAML = new YAMLMapper();

    private CfManifest() {
    }

    static String note(String file, byte[] bytes) {
        JsonNode root = ForeignFiles.readLeniently(YAML, bytes);
        JsonNode app = root == null ? null
                : root.path("applications").path(0).isObject() ? root.path("applications").path(0) : root;
        List<String> ways = new ArrayList<>();
        List<String> env = new ArrayList<>();
        if (app != null) {
            app.path("env").fields().forEachRemaining(e -> env.add(shellWord(e.getKey(), e.getValue().asText())));
        }
        ways.add(env.isEmpty() ? "set its env with config:set" : "set its env with config:set APP " + String.join(" ", env));
        String command = app == null ? "" : app.path("command").asText("");
        ways.add(command.isEmpty() ? "put its command in a Procfile (web: COMMAND)" : "put its command in a Procfile (web: " + command + ")");
        JsonNode instances = app == null ? null : app.path("instances");
        ways.add(instances != null && instances.canConvertToInt() ? "scale with ps:scale APP web=" + instances.asInt()
                : "its instances in ps:scale");
        return file + " (Cloud Foundry's) is not read: " + String.join(", ", ways);
    }

    /**
     * KEY=value as one word of a command line typed into a local shell for ssh, which joins its
     * words and hands them to Slipway's own splitting: quoted twice when the value needs it.
     */
    static String shellWord(String key, String value) {
        if (value.matches("[A-Za-z0-9_./:@%+,=-]*")) {
            return key + "=" + value;
        }
        return "\"" + key + "='" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$")
                .replace("`", "\\`").replace("'", "'\\''") + "'\"";
    }
}

package io.slipway.builder.appfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * What the notes about other platforms' files (manifest.yml, nixpacks.toml, render.yaml, the
 * DigitalOcean app spec) share: those files are not read, so one that does not parse still gets
 * its note, with the general advice, rather than failing the push.
 */
final class ForeignFiles {

    private ForeignFiles() {
    }

    /** The parsed file; null when it does not parse. */
    static JsonNode readLeniently(ObjectMapper mapper, byte[] bytes) {
        try {
            return mapper.readTree(bytes);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The elements of {@code node} when it is a list; none otherwise. */
    static Iterable<JsonNode> elements(JsonNode node) {
        return node != null && node.isArray() ? node : List.of();
    }

    /** {@code text} as the inside of a JSON string. */
    static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
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

package io.slipway.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a buildpack plan ({@code CNB_BP_PLAN_PATH}) in the layout the CNB lifecycle uses:
 * {@code [[entries]]} tables with a {@code [entries.metadata]} table and double-quoted strings.
 * Jackson's TOML writer would emit one inline array, which is valid TOML but not what buildpacks
 * written in shell expect to grep. Nested metadata tables are written inline.
 */
final class PlanWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanWriter() {
    }

    static String write(List<BuildPlan.Entry> entries) {
        StringBuilder toml = new StringBuilder();
        for (BuildPlan.Entry entry : entries) {
            toml.append("[[entries]]\n  name = ").append(string(entry.requirement().name())).append('\n');
            JsonNode metadata = entry.requirement().metadata();
            if (metadata != null && metadata.isObject() && !metadata.isEmpty()) {
                toml.append("  [entries.metadata]\n");
                for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    toml.append("    ").append(key(field.getKey())).append(" = ").append(value(field.getValue())).append('\n');
                }
            }
            toml.append('\n');
        }
        return toml.toString();
    }

    private static String value(JsonNode node) {
        if (node.isObject()) {
            StringBuilder inline = new StringBuilder("{");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                inline.append(' ').append(key(field.getKey())).append(" = ").append(value(field.getValue()));
                inline.append(it.hasNext() ? "," : " ");
            }
            return inline.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder array = new StringBuilder("[");
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                array.append(value(it.next())).append(it.hasNext() ? ", " : "");
            }
            return array.append(']').toString();
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        return string(node.asText());
    }

    /** A TOML basic string: JSON's escaping is a subset TOML accepts. */
    private static String string(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String k) {
        return k.matches("[A-Za-z0-9_-]+") ? k : string(k);
    }
}

package io.slipway.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.slipway.core.BuildFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code /layers} holds in a build container, read in one exec without copying the layers
 * out: each layer's TOML (by {@code bp/layer}), which layer directories and subdirectories
 * exist, and each buildpack's {@code launch.toml} and {@code build.toml}.
 */
final class LayerInventory {

    private static final TomlMapper TOML = new TomlMapper();
    private static final Set<String> NOT_LAYERS = Set.of("launch.toml", "build.toml", "store.toml");

    /** Lists the layer directories and their subdirectories, and prints each TOML, NUL-separated. */
    private static final String LIST = """
            cd /layers 2>/dev/null || exit 0
            for d in */*/ */*/*/; do [ -d "$d" ] && printf 'd %s\\0' "${d%/}"; done
            for f in */*.toml; do [ -f "$f" ] && { printf 'f %s\\0' "$f"; cat "$f"; printf '\\0'; }; done
            exit 0
            """;

    private final Map<String, JsonNode> layers;
    private final Map<String, byte[]> raw = new TreeMap<>();
    private final Set<String> directories;
    private final Map<String, JsonNode> launchTomls;
    private final Map<String, JsonNode> buildTomls;

    private LayerInventory(Map<String, JsonNode> layers, Set<String> directories, Map<String, JsonNode> launchTomls,
                           Map<String, JsonNode> buildTomls) {
        this.layers = layers;
        this.directories = directories;
        this.launchTomls = launchTomls;
        this.buildTomls = buildTomls;
    }

    /** One exec: the layers' directories and every TOML at {@code /layers/BP/*.toml}. */
    static LayerInventory read(BuildContainer container) {
        String listing = container.capture(List.of("bash", "-c", LIST), BuildContainer.USER);
        Map<String, JsonNode> layers = new TreeMap<>();
        Map<String, JsonNode> launch = new LinkedHashMap<>();
        Map<String, JsonNode> build = new LinkedHashMap<>();
        Set<String> directories = new HashSet<>();
        Map<String, byte[]> raw = new TreeMap<>();
        String[] tokens = listing.split("\0", -1);
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.startsWith("d ")) {
                directories.add(token.substring(2));
            } else if (token.startsWith("f ") && i + 1 < tokens.length) {
                String path = token.substring(2);
                byte[] content = tokens[++i].getBytes(StandardCharsets.UTF_8);
                String[] parts = path.split("/");
                if (parts.length != 2) {
                    continue;
                }
                if (parts[1].equals("launch.toml")) {
                    launch.put(parts[0], parse(path, content));
                } else if (parts[1].equals("build.toml")) {
                    build.put(parts[0], parse(path, content));
                } else if (!NOT_LAYERS.contains(parts[1])) {
                    String layer = path.substring(0, path.length() - ".toml".length());
                    raw.put(layer, content);
                    layers.put(layer, parse(path, content));
                }
            }
        }
        LayerInventory inventory = new LayerInventory(layers, directories, launch, build);
        inventory.raw.putAll(raw);
        return inventory;
    }

    private static JsonNode parse(String path, byte[] bytes) {
        try {
            return TOML.readTree(bytes);
        } catch (IOException e) {
            throw new BuildFailedException("export", "/layers/" + path + " is not valid TOML: " + e.getMessage());
        }
    }

    /** Layer names ({@code bp/layer}) with their types, for layers that have a TOML. */
    Map<String, LayerTypes> types() {
        Map<String, LayerTypes> types = new TreeMap<>();
        layers.forEach((name, toml) -> types.put(name, LayerTypes.of(toml)));
        return types;
    }

    boolean hasDirectory(String layer) {
        return directories.contains(layer);
    }

    /** Whether {@code bp/layer/name} is a directory. */
    boolean hasSubdirectory(String layer, String name) {
        return directories.contains(layer + "/" + name);
    }

    /** The layer's TOML exactly as the buildpack wrote it. */
    byte[] rawToml(String layer) {
        return raw.get(layer);
    }

    Optional<JsonNode> launchToml(String escapedBuildpackId) {
        return Optional.ofNullable(launchTomls.get(escapedBuildpackId));
    }

    Optional<JsonNode> buildToml(String escapedBuildpackId) {
        return Optional.ofNullable(buildTomls.get(escapedBuildpackId));
    }
}

package io.slipway.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.slipway.core.BuildFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * What {@code /layers} holds in a build container, read without copying the layers out: each
 * layer's TOML (by {@code bp/layer}), whether its directory exists, and each buildpack's
 * {@code launch.toml}.
 */
final class LayerInventory {

    private static final TomlMapper TOML = new TomlMapper();
    private static final Set<String> NOT_LAYERS = Set.of("launch.toml", "build.toml", "store.toml");

    private final Map<String, JsonNode> layers;
    private final Map<String, byte[]> raw = new TreeMap<>();
    private final Set<String> directories;
    private final Map<String, JsonNode> launchTomls;

    private LayerInventory(Map<String, JsonNode> layers, Set<String> directories, Map<String, JsonNode> launchTomls) {
        this.layers = layers;
        this.directories = directories;
        this.launchTomls = launchTomls;
    }

    static LayerInventory read(BuildContainer container) {
        String listing = container.capture(List.of("find", "/layers", "-mindepth", "2", "-maxdepth", "2",
                "(", "-name", "*.toml", "-o", "-type", "d", ")", "-printf", "%y %P\\n"), BuildContainer.USER);
        Map<String, JsonNode> layers = new TreeMap<>();
        Map<String, JsonNode> launch = new LinkedHashMap<>();
        Set<String> directories = new java.util.HashSet<>();
        Map<String, byte[]> raw = new TreeMap<>();
        for (String line : listing.split("\n")) {
            if (line.length() < 3) {
                continue;
            }
            String path = line.substring(2);
            String[] parts = path.split("/");
            if (parts.length != 2) {
                continue;
            }
            if (line.startsWith("d ")) {
                directories.add(path);
            } else if (parts[1].equals("launch.toml")) {
                launch.put(parts[0], parse(path, read(container, path)));
            } else if (!NOT_LAYERS.contains(parts[1])) {
                String layer = path.substring(0, path.length() - ".toml".length());
                raw.put(layer, read(container, path));
                layers.put(layer, parse(path, raw.get(layer)));
            }
        }
        LayerInventory inventory = new LayerInventory(layers, directories, launch);
        inventory.raw.putAll(raw);
        return inventory;
    }

    private static byte[] read(BuildContainer container, String path) {
        try (InputStream in = container.copyOut("/layers/" + path);
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry = tar.getNextEntry();
            return entry == null ? new byte[0] : tar.readAllBytes();
        } catch (IOException e) {
            throw new BuildFailedException("export", "cannot read /layers/" + path + ": " + e.getMessage());
        }
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

    /** The layer's TOML exactly as the buildpack wrote it. */
    byte[] rawToml(String layer) {
        return raw.get(layer);
    }

    Optional<JsonNode> launchToml(String escapedBuildpackId) {
        return Optional.ofNullable(launchTomls.get(escapedBuildpackId));
    }
}

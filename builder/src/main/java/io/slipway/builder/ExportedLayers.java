package io.slipway.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.slipway.core.BuildFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The {@code /layers} tree after the build phase, copied out of the build container into a
 * temporary tar, with the metadata the export needs: each layer's types and each buildpack's
 * {@code launch.toml}.
 */
final class ExportedLayers implements AutoCloseable {

    private static final TomlMapper TOML = new TomlMapper();
    private static final Set<String> NOT_LAYERS = Set.of("launch.toml", "build.toml", "store.toml");

    private final Path tar;
    /** "bp/layer" → types, for layers whose directory exists. */
    private final Map<String, LayerTypes> layers;
    /** escaped buildpack id → its launch.toml. */
    private final Map<String, JsonNode> launchTomls;

    private ExportedLayers(Path tar, Map<String, LayerTypes> layers, Map<String, JsonNode> launchTomls) {
        this.tar = tar;
        this.layers = layers;
        this.launchTomls = launchTomls;
    }

    static ExportedLayers copyFrom(BuildContainer container, Path tempDir) throws IOException {
        Path tar = Files.createTempFile(tempDir, "layers", ".tar");
        try (InputStream in = container.copyOut("/layers")) {
            Files.copy(in, tar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, LayerTypes> types = new TreeMap<>();
        Map<String, JsonNode> launch = new LinkedHashMap<>();
        Set<String> dirs = new java.util.HashSet<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String[] parts = e.getName().split("/");
                // layers/<bp>/<file>
                if (parts.length == 3 && e.isDirectory()) {
                    dirs.add(parts[1] + "/" + parts[2]);
                } else if (parts.length == 3 && e.isFile() && parts[2].endsWith(".toml")) {
                    JsonNode toml = parse(in, e.getName());
                    if (parts[2].equals("launch.toml")) {
                        launch.put(parts[1], toml);
                    } else if (!NOT_LAYERS.contains(parts[2])) {
                        types.put(parts[1] + "/" + parts[2].substring(0, parts[2].length() - 5), LayerTypes.of(toml));
                    }
                }
            }
        }
        types.keySet().retainAll(dirs);
        return new ExportedLayers(tar, types, launch);
    }

    private static JsonNode parse(InputStream in, String name) {
        try {
            return TOML.readTree(in.readAllBytes());
        } catch (IOException e) {
            throw new BuildFailedException("export", name + " is not valid TOML: " + e.getMessage());
        }
    }

    Path tar() {
        return tar;
    }

    Map<String, LayerTypes> layers() {
        return layers;
    }

    Optional<JsonNode> launchToml(String escapedBuildpackId) {
        return Optional.ofNullable(launchTomls.get(escapedBuildpackId));
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(tar);
    }
}

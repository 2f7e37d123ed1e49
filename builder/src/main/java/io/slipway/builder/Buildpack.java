package io.slipway.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.slipway.core.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** A buildpack on disk, as its {@code buildpack.toml} describes it. */
record Buildpack(String id, String version, String api, Path dir) {

    static final Set<String> SUPPORTED_APIS = Set.of("0.10", "0.11", "0.12");
    private static final TomlMapper TOML = new TomlMapper();

    static Buildpack load(Path dir) {
        Path descriptor = dir.resolve("buildpack.toml");
        try {
            JsonNode toml = TOML.readTree(descriptor.toFile());
            String api = toml.path("api").asText("");
            String id = toml.path("buildpack").path("id").asText("");
            if (id.isEmpty()) {
                throw new SlipwayException(descriptor + ": [buildpack] id is missing");
            }
            if (!SUPPORTED_APIS.contains(api)) {
                throw new SlipwayException(descriptor + ": buildpack API '" + api + "' is not supported (use 0.10-0.12)");
            }
            return new Buildpack(id, toml.path("buildpack").path("version").asText("0.0.0"), api, dir);
        } catch (IOException e) {
            throw new SlipwayException("cannot read " + descriptor + ": " + e.getMessage(), e);
        }
    }

    /** The directory name of this buildpack's layers: its id with {@code /} replaced. */
    String escapedId() {
        return id.replace('/', '_');
    }

    String containerDir() {
        return "/cnb/buildpacks/" + escapedId();
    }

    static boolean isBuildpack(Path dir) {
        return Files.isRegularFile(dir.resolve("buildpack.toml"));
    }
}

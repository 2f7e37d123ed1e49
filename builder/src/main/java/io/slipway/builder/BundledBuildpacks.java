package io.slipway.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.slipway.core.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The buildpacks shipped under {@code buildpacks/} and the order in which detection tries them
 * ({@code buildpacks/order.toml}, in the CNB {@code [[order]] [[order.group]]} format).
 */
public final class BundledBuildpacks {

    private static final TomlMapper TOML = new TomlMapper();

    private final Map<String, Buildpack> byId;
    private final Map<String, Path> dirs;
    private final List<List<OrderEntry>> order;

    private BundledBuildpacks(Map<String, Buildpack> byId, Map<String, Path> dirs, List<List<OrderEntry>> order) {
        this.byId = byId;
        this.dirs = dirs;
        this.order = order;
    }

    public static BundledBuildpacks load(Path dir) {
        Map<String, Buildpack> byId = new LinkedHashMap<>();
        Map<String, Path> dirs = new LinkedHashMap<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.sorted().toList()) {
                Path descriptor = child.resolve("buildpack.toml");
                if (Files.isRegularFile(descriptor)) {
                    Buildpack buildpack = read(descriptor);
                    if (byId.putIfAbsent(buildpack.id(), buildpack) != null) {
                        throw new SlipwayException(descriptor + ": buildpack id '" + buildpack.id()
                                + "' is already used by " + dirs.get(buildpack.id()));
                    }
                    dirs.put(buildpack.id(), child);
                }
            }
            return new BundledBuildpacks(byId, dirs, readOrder(dir.resolve("order.toml"), byId));
        } catch (IOException e) {
            throw new SlipwayException("cannot read the bundled buildpacks in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Buildpack read(Path descriptor) {
        try {
            return Buildpack.fromToml(TOML.readTree(descriptor.toFile()), descriptor.toString());
        } catch (IOException e) {
            throw new SlipwayException("cannot read " + descriptor + ": " + e.getMessage(), e);
        } catch (io.slipway.core.BuildFailedException e) {
            throw new SlipwayException(e.getMessage(), e);
        }
    }

    private static List<List<OrderEntry>> readOrder(Path file, Map<String, Buildpack> byId) throws IOException {
        List<List<OrderEntry>> order = new ArrayList<>();
        for (JsonNode group : TOML.readTree(file.toFile()).path("order")) {
            List<OrderEntry> entries = new ArrayList<>();
            for (JsonNode entry : group.path("group")) {
                String id = entry.path("id").asText();
                if (!byId.containsKey(id)) {
                    throw new SlipwayException(file + " names buildpack '" + id + "', which is not in " + file.getParent());
                }
                entries.add(new OrderEntry(id, entry.path("optional").asBoolean(false)));
            }
            order.add(List.copyOf(entries));
        }
        return List.copyOf(order);
    }

    List<List<OrderEntry>> order() {
        return order;
    }

    Buildpack get(String id) {
        return byId.get(id);
    }

    Path dir(String id) {
        return dirs.get(id);
    }

    List<Buildpack> all() {
        return List.copyOf(byId.values());
    }

    /** For error messages: the ids a user may name. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }
}

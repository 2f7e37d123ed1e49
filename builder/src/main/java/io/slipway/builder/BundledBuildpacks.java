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

    record Entry(String id, boolean optional) {
    }

    private static final TomlMapper TOML = new TomlMapper();

    private final Map<String, Buildpack> byId;
    private final List<List<Entry>> order;

    private BundledBuildpacks(Map<String, Buildpack> byId, List<List<Entry>> order) {
        this.byId = byId;
        this.order = order;
    }

    public static BundledBuildpacks load(Path dir) {
        Map<String, Buildpack> byId = new LinkedHashMap<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.sorted().toList()) {
                if (Buildpack.isBuildpack(child)) {
                    Buildpack buildpack = Buildpack.load(child);
                    byId.put(buildpack.id(), buildpack);
                }
            }
            return new BundledBuildpacks(byId, readOrder(dir.resolve("order.toml"), byId));
        } catch (IOException e) {
            throw new SlipwayException("cannot read the bundled buildpacks in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<List<Entry>> readOrder(Path file, Map<String, Buildpack> byId) throws IOException {
        List<List<Entry>> order = new ArrayList<>();
        for (JsonNode group : TOML.readTree(file.toFile()).path("order")) {
            List<Entry> entries = new ArrayList<>();
            for (JsonNode entry : group.path("group")) {
                String id = entry.path("id").asText();
                if (!byId.containsKey(id)) {
                    throw new SlipwayException(file + " names buildpack '" + id + "', which is not in " + file.getParent());
                }
                entries.add(new Entry(id, entry.path("optional").asBoolean(false)));
            }
            order.add(List.copyOf(entries));
        }
        return List.copyOf(order);
    }

    List<List<Entry>> order() {
        return order;
    }

    Buildpack get(String id) {
        return byId.get(id);
    }

    List<Buildpack> all() {
        return List.copyOf(byId.values());
    }

    /** For error messages: the ids a user may name. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }
}

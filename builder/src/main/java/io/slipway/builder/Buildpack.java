package io.slipway.builder;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.BuildFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A buildpack as the lifecycle runs it from {@code /cnb/buildpacks/<escaped id>} in the build
 * container: a CNB component ({@code bin/detect}, {@code bin/build}), a CNB composite (an
 * {@code [[order]]} of others) or a Heroku classic buildpack ({@code bin/compile}).
 */
record Buildpack(String id, String version, String api, Kind kind, boolean clearEnv, List<List<OrderEntry>> order) {

    enum Kind { CNB, CLASSIC }

    static final Set<String> SUPPORTED_APIS = Set.of("0.10", "0.11", "0.12");
    private static final Set<String> RESERVED_IDS = Set.of("app", "config", "generated", "sbom");

    Buildpack {
        order = List.copyOf(order);
    }

    /** From a {@code buildpack.toml}; {@code where} names it in errors. */
    static Buildpack fromToml(JsonNode toml, String where) {
        String api = toml.path("api").asText("");
        String id = toml.path("buildpack").path("id").asText("");
        if (id.isEmpty() || !id.matches("[A-Za-z0-9./-]+") || RESERVED_IDS.contains(id)) {
            throw new BuildFailedException("detect", where + ": [buildpack] id is missing or invalid ('" + id
                    + "'): use letters, digits, '.', '/' and '-'");
        }
        if (!SUPPORTED_APIS.contains(api)) {
            throw new BuildFailedException("detect", where + ": buildpack API '" + api
                    + "' is not supported (use 0.10, 0.11 or 0.12)");
        }
        List<List<OrderEntry>> order = new ArrayList<>();
        for (JsonNode group : toml.path("order")) {
            List<OrderEntry> entries = new ArrayList<>();
            for (JsonNode e : group.path("group")) {
                entries.add(new OrderEntry(e.path("id").asText(), e.path("optional").asBoolean(false)));
            }
            order.add(List.copyOf(entries));
        }
        return new Buildpack(id, toml.path("buildpack").path("version").asText("0.0.0"), api, Kind.CNB,
                toml.path("buildpack").path("clear-env").asBoolean(false), order);
    }

    static Buildpack classic(String id) {
        return new Buildpack(id, "classic", "classic", Kind.CLASSIC, false, List.of());
    }

    boolean composite() {
        return !order.isEmpty();
    }

    /** The directory name of this buildpack's layers: its id with {@code /} replaced. */
    String escapedId() {
        return id.replace('/', '_');
    }

    String containerDir() {
        return "/cnb/buildpacks/" + escapedId();
    }

    @Override
    public String toString() {
        return id + "@" + version;
    }
}

package io.slipway.builder;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code [types]} table of a layer's TOML: where the layer is used and whether it is kept. */
record LayerTypes(boolean launch, boolean build, boolean cache) {

    static LayerTypes of(JsonNode toml) {
        JsonNode types = toml.path("types");
        return new LayerTypes(types.path("launch").asBoolean(false), types.path("build").asBoolean(false),
                types.path("cache").asBoolean(false));
    }
}

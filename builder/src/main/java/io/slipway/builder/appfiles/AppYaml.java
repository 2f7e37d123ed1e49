package io.slipway.builder.appfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** app.yaml in the App Engine / DAE style: entrypoint, env_variables and the instance count. */
record AppYaml(String entrypoint, Map<String, String> env, int instances) {

    static final String FILE = "app.yaml";
    private static final YAMLMapper YAML = new YAMLMapper();

    static AppYaml parse(byte[] bytes) {
        JsonNode root = AppFileError.read(YAML, FILE, bytes);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new AppYaml("", Map.of(), -1);
        }
        if (!root.isObject()) {
            throw AppFileError.in(FILE, "must be a mapping of settings (entrypoint: ..., env_variables: ...)");
        }
        JsonNode entrypoint = root.path("entrypoint");
        if (!entrypoint.isMissingNode() && !entrypoint.isTextual()) {
            throw AppFileError.in(FILE, "entrypoint must be a command string");
        }
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode vars = root.path("env_variables");
        if (!vars.isMissingNode() && !vars.isNull()) {
            if (!vars.isObject()) {
                throw AppFileError.in(FILE, "env_variables must be a mapping of NAME: value");
            }
            vars.fields().forEachRemaining(e -> {
                if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw AppFileError.in(FILE, "env_variables name '" + e.getKey() + "' is not a valid variable name");
                }
                env.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
            });
        }
        return new AppYaml(entrypoint.asText(""), env, instances(root));
    }

    /**
     * App Engine's {@code network.session_affinity}, which is the router's setting here: named for
     * the push log, since the router's settings are the user's to choose.
     */
    static Optional<String> sessionAffinityNote(byte[] bytes) {
        JsonNode root = ForeignFiles.readLeniently(YAML, bytes);
        return root != null && root.path("network").path("session_affinity").asBoolean(false)
                ? Optional.of(FILE + " asks for network.session_affinity: run router:set APP session-affinity true")
                : Optional.empty();
    }

    /** manual_scaling.instances, else automatic_scaling.min_instances; -1 when neither is set, or that is 0. */
    private static int instances(JsonNode root) {
        JsonNode manual = root.path("manual_scaling").path("instances");
        JsonNode automatic = root.path("automatic_scaling").path("min_instances");
        JsonNode chosen = manual.isMissingNode() ? automatic : manual;
        if (chosen.isMissingNode()) {
            return -1;
        }
        if (!chosen.isIntegralNumber() || chosen.asInt() < 0) {
            throw AppFileError.in(FILE, (manual.isMissingNode() ? "automatic_scaling.min_instances"
                    : "manual_scaling.instances") + " must be a whole number >= 0");
        }
        // App Engine may scale an app with min_instances: 0 to zero while it is idle, and starts it on
        // the next request; here an instance runs all the time, as for no setting.
        return manual.isMissingNode() && chosen.asInt() == 0 ? -1 : chosen.asInt();
    }
}

package io.slipway.builder;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Paketo buildpacks' settings ({@code BP_*}), as config vars or in project.toml: where one of the
 * bundled buildpacks has a setting that means the same, the value is passed on under that name
 * (unless it is set itself); every other one is named in the push log as not read, with what to
 * do instead where there is something. Users bring Paketo's samples and their READMEs' settings.
 */
final class PaketoSettings {

    private record Alias(String name, UnaryOperator<String> value) {
    }

    private static final Map<String, Alias> ALIASES = Map.of(
            "BP_JVM_VERSION", new Alias("JAVA_RUNTIME_VERSION", v -> v),
            "BP_MAVEN_BUILD_ARGUMENTS", new Alias("MAVEN_CUSTOM_GOALS", v -> v),
            "BP_NODE_VERSION", new Alias("NODE_VERSION", v -> v),
            "BP_WEB_SERVER_ROOT", new Alias("NGINX_ROOT", v -> v),
            "BP_WEB_SERVER_ENABLE_PUSH_STATE", new Alias("NGINX_DEFAULT_REQUEST", v -> truthy(v) ? "index.html" : null),
            "BP_PHP_WEB_DIR", new Alias("DOCUMENT_ROOT", v -> v),
            "BP_GO_TARGETS", new Alias("GO_INSTALL_PACKAGE_SPEC", v -> v.replace(':', ' ')),
            "BP_GO_IMPORT_PATH", new Alias("GO_IMPORT_PATH", v -> v));

    private static final Map<String, String> INSTEAD = Map.of(
            "BP_WEB_SERVER_FORCE_HTTPS", "to redirect to HTTPS, use router:set APP redirect-to-https true",
            "BP_NODE_RUN_SCRIPTS", "the build script (or heroku-postbuild) runs by itself; call the others from it",
            "BP_LAUNCHPOINT", "name the start command in a Procfile (web: node server.js)",
            "BP_KEEP_FILES", "the whole app directory is kept",
            "BP_WEB_SERVER", "static sites are served by nginx (NGINX_ROOT, static.json)",
            "BP_PHP_SERVER", "PHP apps are served by nginx and php-fpm");

    private PaketoSettings() {
    }

    /** Adds to {@code env} the settings the {@code BP_*} names in it mean; says what it did to {@code log}. */
    static void apply(Map<String, String> env, Consumer<String> log) {
        for (Map.Entry<String, String> setting : new TreeMap<>(env).entrySet()) {
            String name = setting.getKey();
            if (!name.startsWith("BP_")) {
                continue;
            }
            Alias alias = ALIASES.get(name);
            String value = alias == null ? null : alias.value().apply(setting.getValue());
            if (alias != null && env.containsKey(alias.name())) {
                log.accept(name + " (Paketo's) is not read: " + alias.name() + " is set, and wins");
            } else if (value != null) {
                env.put(alias.name(), value);
                log.accept(name + " (Paketo's) is read as " + alias.name() + "=" + value);
            } else if (alias == null) {
                log.accept(name + " is a Paketo buildpack setting that Slipway's buildpacks do not read"
                        + (INSTEAD.containsKey(name) ? ": " + INSTEAD.get(name) : ""));
            }
        }
    }

    private static boolean truthy(String value) {
        return List.of("true", "1", "yes").contains(value.trim().toLowerCase(Locale.ROOT));
    }
}

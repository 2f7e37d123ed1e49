package io.slipway.builder;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Other build systems' settings, Paketo buildpacks' ({@code BP_*}, as config vars or in
 * project.toml) and Nixpacks' ({@code NIXPACKS_*}): where one of the bundled buildpacks has a
 * setting that means the same, the value is passed on under that name (unless it is set itself);
 * every other one is named in the push log as not read, with what to do instead where there is
 * something. Users bring Paketo's samples, Railway apps, and their READMEs' settings.
 * The build sees the settings; those a buildpack reads when the app starts are also returned, as
 * the release's defaults (a project.toml setting is the build's only).
 */
final class ForeignSettings {

    private record Alias(String name, UnaryOperator<String> value) {
    }

    private static final Map<String, Alias> ALIASES = Map.of(
            "BP_JVM_VERSION", new Alias("JAVA_RUNTIME_VERSION", v -> v),
            "BP_MAVEN_BUILD_ARGUMENTS", new Alias("MAVEN_CUSTOM_GOALS", v -> v),
            "BP_NODE_VERSION", new Alias("NODE_VERSION", v -> v),
            "BP_WEB_SERVER_ROOT", new Alias("NGINX_ROOT", v -> v),
            "BP_WEB_SERVER_ENABLE_PUSH_STATE", new Alias("NGINX_DEFAULT_REQUEST", v -> truthy(v) ? "index.html" : null),
            "BP_GO_TARGETS", new Alias("GO_INSTALL_PACKAGE_SPEC", v -> v.replace(':', ' ')),
            "BP_GO_IMPORT_PATH", new Alias("GO_IMPORT_PATH", v -> v),
            "NIXPACKS_NODE_VERSION", new Alias("NODE_VERSION", v -> v));

    private static final Map<String, String> INSTEAD = Map.of(
            "BP_WEB_SERVER_FORCE_HTTPS", "to redirect to HTTPS, use router:set APP redirect-to-https true",
            "BP_NODE_RUN_SCRIPTS", "the build script (or heroku-postbuild) runs by itself; call the others from it",
            "BP_LAUNCHPOINT", "name the start command in a Procfile (web: node server.js)",
            "BP_KEEP_FILES", "the whole app directory is kept",
            "BP_WEB_SERVER", "static sites are served by nginx (NGINX_ROOT, static.json)",
            "BP_PHP_SERVER", "PHP apps are served by nginx and php-fpm",
            "NIXPACKS_START_CMD", "put the start command in a Procfile (web: COMMAND)",
            "NIXPACKS_BUILD_CMD", "build in package.json's build script (Node.js), or bin/post_compile (Python)",
            "NIXPACKS_INSTALL_CMD", "the buildpack installs the dependencies its package files list");

    /** Paketo's names the bundled buildpacks read themselves (slipway/php), at build and at launch. */
    private static final Set<String> NATIVE = Set.of("BP_PHP_WEB_DIR");

    /** The settings above that buildpacks read when the app starts rather than when it is built. */
    private static final Set<String> READ_AT_LAUNCH = Set.of("NGINX_DEFAULT_REQUEST", "BP_PHP_WEB_DIR");

    private ForeignSettings() {
    }

    /**
     * Adds to {@code env} the settings the {@code BP_*} names in it mean, and says what it did to
     * {@code log}; returns those of them read at launch. With a BUILDPACK_URL, the buildpacks
     * named may be Paketo's, which read their own settings: nothing is said about the others.
     */
    static Map<String, String> apply(Map<String, String> env, Consumer<String> log) {
        Map<String, String> atLaunch = new TreeMap<>();
        for (Map.Entry<String, String> setting : new TreeMap<>(env).entrySet()) {
            String name = setting.getKey();
            String owner = name.startsWith("BP_") ? "Paketo" : name.startsWith("NIXPACKS_") ? "Nixpacks" : null;
            if (owner == null) {
                continue;
            }
            String owners = owner.endsWith("s") ? owner + "'" : owner + "'s";
            Alias alias = ALIASES.get(name);
            String value = alias == null ? null : alias.value().apply(setting.getValue());
            if (NATIVE.contains(name)) {
                atLaunch.put(name, setting.getValue());
            } else if (alias != null && env.containsKey(alias.name())) {
                log.accept(name + " (" + owners + ") is not read: " + alias.name() + " is set, and wins");
            } else if (value != null) {
                env.put(alias.name(), value);
                if (READ_AT_LAUNCH.contains(alias.name())) {
                    atLaunch.put(alias.name(), value);
                }
                log.accept(name + " (" + owners + ") is read as " + alias.name() + "=" + value);
            } else if (alias == null && !env.containsKey("BUILDPACK_URL")) {
                log.accept(name + " is a " + owner + " setting that Slipway's buildpacks do not read"
                        + (INSTEAD.containsKey(name) ? ": " + INSTEAD.get(name) : ""));
            }
        }
        return atLaunch;
    }

    private static boolean truthy(String value) {
        return List.of("true", "1", "yes").contains(value.trim().toLowerCase(Locale.ROOT));
    }
}

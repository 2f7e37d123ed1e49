package io.slipway.builder;

import io.slipway.core.ForeignBuildSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Other build systems' settings, Paketo buildpacks' ({@code BP_*}, as config vars or in
 * project.toml), Nixpacks' ({@code NIXPACKS_*}), Railpack's ({@code RAILPACK_*}), Clever Cloud's ({@code CC_RUN_COMMAND}, ...) and Google Cloud's buildpacks' ({@code GOOGLE_*}): where one of the bundled buildpacks has a
 * setting that means the same, the value is passed on under that name (unless it is set itself);
 * every other one is named in the push log as not read, with what to do instead where there is
 * something. Users bring Paketo's and Google Cloud's samples, Railway apps, and their READMEs' settings.
 * The build sees the settings; those a buildpack reads when the app starts are also returned, as
 * the release's defaults (a project.toml setting is the build's only).
 */
final class ForeignSettings {

    private record Alias(String name, UnaryOperator<String> value) {
    }

    private static final Map<String, Alias> ALIASES = Map.ofEntries(
            Map.entry("BP_JVM_VERSION", new Alias("JAVA_RUNTIME_VERSION", v -> v)),
            Map.entry("BP_MAVEN_BUILD_ARGUMENTS", new Alias("MAVEN_CUSTOM_GOALS", v -> v)),
            Map.entry("BP_NODE_VERSION", new Alias("NODE_VERSION", v -> v)),
            Map.entry("BP_WEB_SERVER_ROOT", new Alias("NGINX_ROOT", v -> v)),
            Map.entry("BP_WEB_SERVER_ENABLE_PUSH_STATE", new Alias("NGINX_DEFAULT_REQUEST", v -> truthy(v) ? "index.html" : null)),
            Map.entry("BP_GO_TARGETS", new Alias("GO_INSTALL_PACKAGE_SPEC", v -> v.replace(':', ' '))),
            Map.entry("BP_GO_IMPORT_PATH", new Alias("GO_IMPORT_PATH", v -> v)),
            Map.entry("NIXPACKS_NODE_VERSION", new Alias("NODE_VERSION", v -> v)),
            Map.entry("GOOGLE_BUILDABLE", new Alias("GO_INSTALL_PACKAGE_SPEC", v -> v)),
            Map.entry("GOOGLE_MAVEN_BUILD_ARGS", new Alias("MAVEN_CUSTOM_OPTS", v -> "-DskipTests " + v)),
            Map.entry("CC_JAVA_VERSION", new Alias("JAVA_RUNTIME_VERSION", v -> v)),
            Map.entry("CC_WEBROOT", new Alias("DOCUMENT_ROOT", v -> v)));

    private static final Map<String, String> INSTEAD = Map.ofEntries(
            Map.entry("CC_RUN_COMMAND", "put the command in a Procfile (web: %s)"),
            Map.entry("CC_WORKER_COMMAND", "put the command in a Procfile (worker: %s)"),
            Map.entry("CC_PRE_RUN_HOOK", "a Procfile release: line runs before the new instances start (release: %s)"),
            Map.entry("CC_PRE_BUILD_HOOK", "build in package.json's build script (Node.js), or bin/post_compile (Python)"),
            Map.entry("CC_POST_BUILD_HOOK", "build in package.json's build script (Node.js), or bin/post_compile (Python)"),
            Map.entry("CC_HEALTH_CHECK_PATH", "give the path as an app.json startup health check (\"healthchecks\":"
                    + " {\"web\": [{\"type\": \"startup\", \"path\": \"%s\"}]})"),
            Map.entry("CC_MAVEN_PROFILES", "pass them to Maven with config:set APP MAVEN_CUSTOM_OPTS=\"-DskipTests -P%s\""),
            Map.entry("GOOGLE_ENTRYPOINT", "put the command in a Procfile, listening on $PORT (web: %s)"),
            Map.entry("GOOGLE_RUNTIME_VERSION", "choose the version as the language's buildpack reads it: engines.node,"
                    + " .python-version, go.mod's go line, system.properties' java.runtime.version"),
            Map.entry("GOOGLE_FUNCTION_TARGET", "a function needs a server to call it: start the language's Functions"
                    + " Framework with --target=%s from a Procfile (Node.js: web: npx @google-cloud/functions-framework"
                    + " --target=%s)"),
            Map.entry("GOOGLE_NODE_RUN_SCRIPTS", "the build script (or heroku-postbuild) runs by itself; call the others"
                    + " from it"),
            Map.entry("BP_WEB_SERVER_FORCE_HTTPS", "to redirect to HTTPS, use router:set APP redirect-to-https true"),
            Map.entry("BP_NODE_RUN_SCRIPTS", "the build script (or heroku-postbuild) runs by itself; call the others from it"),
            Map.entry("BP_LAUNCHPOINT", "name the start command in a Procfile (web: node server.js)"),
            Map.entry("BP_KEEP_FILES", "the whole app directory is kept"),
            Map.entry("BP_WEB_SERVER", "static sites are served by nginx (NGINX_ROOT, static.json)"),
            Map.entry("BP_PHP_SERVER", "PHP apps are served by nginx and php-fpm"),
            Map.entry("NIXPACKS_START_CMD", "put the start command in a Procfile (web: %s)"),
            Map.entry("NIXPACKS_BUILD_CMD", "build in package.json's build script (Node.js), or bin/post_compile (Python)"),
            Map.entry("NIXPACKS_INSTALL_CMD", "the buildpack installs the dependencies its package files list"),
            Map.entry("RAILPACK_START_CMD", "put the start command in a Procfile (web: %s)"),
            Map.entry("RAILPACK_BUILD_CMD", "build in package.json's build script (Node.js), or bin/post_compile (Python)"),
            Map.entry("RAILPACK_INSTALL_CMD", "the buildpack installs the dependencies its package files list"),
            Map.entry("RAILPACK_PACKAGES", "choose versions as the language's buildpack reads them: engines.node,"
                    + " .python-version, go.mod's go line, system.properties' java.runtime.version"));

    /** Paketo's names the bundled buildpacks read themselves (slipway/php), at build and at launch. */
    private static final Set<String> NATIVE = Set.of("BP_PHP_WEB_DIR");

    /** The settings above that buildpacks read when the app starts rather than when it is built. */
    private static final Set<String> READ_AT_LAUNCH = Set.of("NGINX_DEFAULT_REQUEST", "BP_PHP_WEB_DIR", "DOCUMENT_ROOT");

    private ForeignSettings() {
    }

    /**
     * Adds to {@code env} the settings the foreign names in it mean, and says what it did to
     * {@code log}; returns those of them read at launch. With a BUILDPACK_URL, the buildpacks
     * named may be Paketo's, which read their own settings: nothing is said about the others.
     */
    static Map<String, String> apply(Map<String, String> env, Consumer<String> log) {
        Map<String, String> atLaunch = new TreeMap<>();
        for (Map.Entry<String, String> setting : new TreeMap<>(env).entrySet()) {
            String name = setting.getKey();
            String owner = ForeignBuildSettings.foreignOwner(name).orElse(null);
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
                        + (INSTEAD.containsKey(name) ? ": " + INSTEAD.get(name).replace("%s", setting.getValue()) : ""));
            }
        }
        return atLaunch;
    }

    private static boolean truthy(String value) {
        return List.of("true", "1", "yes").contains(value.trim().toLowerCase(Locale.ROOT));
    }
}

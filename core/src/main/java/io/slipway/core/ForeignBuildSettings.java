package io.slipway.core;

import java.util.Optional;
import java.util.Set;

/**
 * Other build systems' settings as config vars: Paketo buildpacks' ({@code BP_*}), Nixpacks'
 * ({@code NIXPACKS_*}), Railpack's ({@code RAILPACK_*}), Google Cloud's buildpacks' and Clever
 * Cloud's. The build reads them (and passes on those a bundled buildpack has a name for), so a
 * change to one takes effect when the app is built again.
 */
public final class ForeignBuildSettings {

    /**
     * Google Cloud's buildpacks' settings, by name: an app's own GOOGLE_* variables
     * (GOOGLE_CLOUD_PROJECT, GOOGLE_APPLICATION_CREDENTIALS) are none of these.
     */
    private static final Set<String> GOOGLE = Set.of("GOOGLE_ENTRYPOINT", "GOOGLE_RUNTIME", "GOOGLE_RUNTIME_VERSION",
            "GOOGLE_BUILDABLE", "GOOGLE_BUILD_ARGS", "GOOGLE_DEVMODE", "GOOGLE_CLEAR_SOURCE", "GOOGLE_FUNCTION_TARGET",
            "GOOGLE_FUNCTION_SIGNATURE_TYPE", "GOOGLE_FUNCTION_SOURCE", "GOOGLE_GOGCFLAGS", "GOOGLE_GOLDFLAGS",
            "GOOGLE_MAVEN_BUILD_ARGS", "GOOGLE_GRADLE_BUILD_ARGS", "GOOGLE_NODE_RUN_SCRIPTS", "GOOGLE_LABEL_ROOT");

    /** Clever Cloud's settings, by name: CC_ is too short a prefix to claim every variable it starts. */
    private static final Set<String> CLEVER_CLOUD = Set.of("CC_RUN_COMMAND", "CC_PRE_BUILD_HOOK", "CC_POST_BUILD_HOOK",
            "CC_PRE_RUN_HOOK", "CC_RUN_SUCCEEDED_HOOK", "CC_JAVA_VERSION", "CC_WEBROOT", "CC_NODE_BUILD_TOOL",
            "CC_NODE_START_GOAL", "CC_MAVEN_PROFILES", "CC_PYTHON_VERSION", "CC_PHP_VERSION", "CC_HEALTH_CHECK_PATH",
            "CC_WORKER_COMMAND", "CC_CACHE_DEPENDENCIES", "CC_OVERRIDE_BUILDCACHE");

    private ForeignBuildSettings() {
    }

    /** Whose setting {@code name} is ("Paketo", "Nixpacks", ...), when it is another build system's. */
    public static Optional<String> foreignOwner(String name) {
        return Optional.ofNullable(name.startsWith("BP_") ? "Paketo" : name.startsWith("NIXPACKS_") ? "Nixpacks"
                : name.startsWith("RAILPACK_") ? "Railpack" : GOOGLE.contains(name) ? "Google Cloud"
                : CLEVER_CLOUD.contains(name) ? "Clever Cloud" : null);
    }
}

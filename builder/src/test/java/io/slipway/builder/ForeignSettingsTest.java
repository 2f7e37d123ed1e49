package io.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForeignSettingsTest {

    @Test
    void paketoNamesBecomeTheBuildpacksOwnUnlessThoseAreSet() {
        Map<String, String> env = new HashMap<>(Map.of("BP_JVM_VERSION", "17", "BP_WEB_SERVER_ENABLE_PUSH_STATE", "true",
                "BP_GO_TARGETS", "./cmd/web:./cmd/worker", "BP_WEB_SERVER_ROOT", "alternate", "NGINX_ROOT", "public"));
        List<String> log = new ArrayList<>();

        Map<String, String> atLaunch = ForeignSettings.apply(env, log::add);

        assertThat(atLaunch).as("read when the app starts, so the release keeps them")
                .isEqualTo(Map.of("NGINX_DEFAULT_REQUEST", "index.html"));
        assertThat(env).containsEntry("JAVA_RUNTIME_VERSION", "17").containsEntry("NGINX_DEFAULT_REQUEST", "index.html")
                .containsEntry("GO_INSTALL_PACKAGE_SPEC", "./cmd/web ./cmd/worker").containsEntry("NGINX_ROOT", "public");
        assertThat(log).containsExactly(
                "BP_GO_TARGETS (Paketo's) is read as GO_INSTALL_PACKAGE_SPEC=./cmd/web ./cmd/worker",
                "BP_JVM_VERSION (Paketo's) is read as JAVA_RUNTIME_VERSION=17",
                "BP_WEB_SERVER_ENABLE_PUSH_STATE (Paketo's) is read as NGINX_DEFAULT_REQUEST=index.html",
                "BP_WEB_SERVER_ROOT (Paketo's) is not read: NGINX_ROOT is set, and wins");
    }

    @Test
    void settingsWithoutAnEquivalentAreNamedWithWhatToDoInstead() {
        Map<String, String> env = new HashMap<>(Map.of("BP_WEB_SERVER_FORCE_HTTPS", "true", "BP_GO_WORK_USE", "./a",
                "BP_WEB_SERVER_ENABLE_PUSH_STATE", "false", "PORT_LIKE", "x"));
        List<String> log = new ArrayList<>();

        ForeignSettings.apply(env, log::add);

        assertThat(env).doesNotContainKey("NGINX_DEFAULT_REQUEST");
        assertThat(ForeignSettings.apply(new HashMap<>(Map.of("BP_PHP_WEB_DIR", "htdocs")), log::add))
                .as("slipway/php reads it itself, also at launch").isEqualTo(Map.of("BP_PHP_WEB_DIR", "htdocs"));
        assertThat(log).containsExactly(
                "BP_GO_WORK_USE is a Paketo setting that Slipway's buildpacks do not read",
                "BP_WEB_SERVER_FORCE_HTTPS is a Paketo setting that Slipway's buildpacks do not read: to"
                        + " redirect to HTTPS, use router:set APP redirect-to-https true");
        List<String> withPaketo = new ArrayList<>();
        ForeignSettings.apply(new HashMap<>(Map.of("BP_GO_WORK_USE", "./a", "BUILDPACK_URL", "https://example.com/go.git")),
                withPaketo::add);
        assertThat(withPaketo).as("the buildpack named may read it").isEmpty();
        List<String> nixpacks = new ArrayList<>();
        Map<String, String> railway = new HashMap<>(Map.of("NIXPACKS_NODE_VERSION", "20", "NIXPACKS_START_CMD", "node a.js",
                "RAILPACK_START_CMD", "npm start -w api"));
        ForeignSettings.apply(railway, nixpacks::add);
        assertThat(railway).containsEntry("NODE_VERSION", "20");
        assertThat(nixpacks).containsExactly("NIXPACKS_NODE_VERSION (Nixpacks') is read as NODE_VERSION=20",
                "NIXPACKS_START_CMD is a Nixpacks setting that Slipway's buildpacks do not read: put the start command"
                        + " in a Procfile (web: node a.js)",
                "RAILPACK_START_CMD is a Railpack setting that Slipway's buildpacks do not read: put the start command"
                        + " in a Procfile (web: npm start -w api)");
    }

    @Test
    void cleverCloudsSettingsAreReadOrNamedButOtherCcVariablesAreLeftAlone() {
        Map<String, String> env = new HashMap<>(Map.of("CC_RUN_COMMAND", "npm run serve", "CC_WEBROOT", "/public",
                "CC_JAVA_VERSION", "21", "CC_NUMBER", "4111"));
        List<String> log = new ArrayList<>();

        Map<String, String> atLaunch = ForeignSettings.apply(env, log::add);

        assertThat(env).containsEntry("DOCUMENT_ROOT", "/public").containsEntry("JAVA_RUNTIME_VERSION", "21");
        assertThat(atLaunch).containsExactly(Map.entry("DOCUMENT_ROOT", "/public"));
        assertThat(log).containsExactly("CC_JAVA_VERSION (Clever Cloud's) is read as JAVA_RUNTIME_VERSION=21",
                "CC_RUN_COMMAND is a Clever Cloud setting that Slipway's buildpacks do not read: put the command in a"
                        + " Procfile (web: npm run serve)",
                "CC_WEBROOT (Clever Cloud's) is read as DOCUMENT_ROOT=/public");
    }

    @Test
    void googleCloudsBuildSettingsAreReadOrNamedButAnAppsOwnGoogleVariablesAreLeftAlone() {
        Map<String, String> env = new HashMap<>(Map.of("GOOGLE_ENTRYPOINT", "php -S 0.0.0.0:$PORT",
                "GOOGLE_BUILDABLE", "./cmd/web", "GOOGLE_CLOUD_PROJECT", "demo", "GOOGLE_APPLICATION_CREDENTIALS", "/k.json"));
        List<String> log = new ArrayList<>();

        ForeignSettings.apply(env, log::add);

        assertThat(env).containsEntry("GO_INSTALL_PACKAGE_SPEC", "./cmd/web");
        assertThat(log).containsExactly("GOOGLE_BUILDABLE (Google Cloud's) is read as GO_INSTALL_PACKAGE_SPEC=./cmd/web",
                "GOOGLE_ENTRYPOINT is a Google Cloud setting that Slipway's buildpacks do not read: put the command in a"
                        + " Procfile, listening on $PORT (web: php -S 0.0.0.0:$PORT)");
    }
}

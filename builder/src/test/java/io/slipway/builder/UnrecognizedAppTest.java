package io.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnrecognizedAppTest {

    @Test
    void namesALanguageWithoutABuildpackByTheFileThatGivesItAway() {
        assertThat(UnrecognizedApp.hint(List.of("Gemfile", "Gemfile.lock", "config.ru", "app.rb")))
                .isEqualTo("It looks like a Ruby app (Gemfile), and Slipway has no buildpack for Ruby: deploy it with a"
                        + " Dockerfile, or name a buildpack for it with config:set APP BUILDPACK_URL=<git URL of a Heroku"
                        + " or Cloud Native buildpack>.");
        assertThat(UnrecognizedApp.hint(List.of("aspnetapp.csproj", "Program.cs"))).contains("a .NET app (aspnetapp.csproj)");
        assertThat(UnrecognizedApp.hint(List.of("mix.exs"))).startsWith("It looks like an Elixir app (mix.exs)");
        assertThat(UnrecognizedApp.hint(List.of("index.ts", "bun.lockb"))).startsWith("It looks like a Bun app (bun.lockb)");
    }

    @Test
    void aNodeServerWithoutItsPackageJsonIsToldToAddOne() {
        assertThat(UnrecognizedApp.hint(List.of("server.js", "README.md")))
                .isEqualTo("server.js is there but no package.json: a Node.js app needs one (npm init -y), with"
                        + " \"start\": \"node server.js\" in its scripts.");
        assertThat(UnrecognizedApp.hint(List.of("server.js", "package.json"))).isEmpty();
    }

    @Test
    void condaEnvironmentsAndHtdocsSitesGetTheirWayOut() {
        assertThat(UnrecognizedApp.hint(List.of("environment.yml"))).contains("environment.yml (Conda) is not read");
        assertThat(UnrecognizedApp.hint(List.of("httpd.conf", "htdocs"))).contains("NGINX_ROOT=htdocs");
        assertThat(UnrecognizedApp.hint(List.of("README.md", ".git"))).isEmpty();
    }

    @Test
    void aShellScriptAppIsToldToNameItsScriptInAProcfile() {
        assertThat(UnrecognizedApp.hint(List.of("build.sh", "start.sh", "README.md")))
                .isEqualTo("start.sh is there: a shell script app runs from a Procfile that names it (web: bash start.sh),"
                        + " on the stack's bash and tools.");
        assertThat(UnrecognizedApp.hint(List.of("serve.sh"))).contains("(web: bash serve.sh)");
        assertThat(UnrecognizedApp.hint(List.of("Cargo.toml", "build.sh"))).doesNotContain("shell script");
    }

    @Test
    void aHugoSiteIsToldToPushWhatHugoBuilds() {
        assertThat(UnrecognizedApp.hint(List.of("config.toml", "content", "layouts"))).contains("a Hugo site (config.toml)")
                .contains("public/");
        assertThat(UnrecognizedApp.hint(List.of("hugo.toml"))).contains("a Hugo site (hugo.toml)");
        assertThat(UnrecognizedApp.hint(List.of("config.toml", "src"))).isEmpty();
    }

    @Test
    void theGeneralAdviceComesOnlyWhenNoHintSaysWhatToDo() {
        List<String> bundled = List.of("slipway/nodejs", "slipway/static");
        assertThat(UnrecognizedApp.message(List.of("Cargo.toml", "src"), bundled))
                .startsWith("no buildpack detected this app. It looks like a Rust app (Cargo.toml)")
                .endsWith("Bundled buildpacks: slipway/nodejs, slipway/static.")
                .containsOnlyOnce("BUILDPACK_URL");
        assertThat(UnrecognizedApp.message(List.of("README.md"), bundled))
                .isEqualTo("no buildpack detected this app. Bundled buildpacks: slipway/nodejs, slipway/static. Add the"
                        + " file the language needs (e.g. package.json, requirements.txt, pom.xml, go.mod, composer.json,"
                        + " index.html), a Procfile, or a Dockerfile; or name a buildpack with config:set APP BUILDPACK_URL=...");
    }

    @Test
    void aMonorepoIsToldToPushTheDirectoryOfItsApp() {
        assertThat(UnrecognizedApp.hint(List.of("README.md", "api", "web", "api/go.mod", "web/package.json")))
                .isEqualTo("The app's files are in a subdirectory (api/go.mod, web/package.json): push that directory as"
                        + " its own repository, e.g. git subtree push --prefix api paas master.");
    }
}

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
}

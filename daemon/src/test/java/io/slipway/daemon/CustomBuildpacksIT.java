package io.slipway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Buildpacks users bring: a Cloud Native Buildpack and a Heroku classic buildpack (test
 * fixtures), each pushed to the platform as a repository and then used by another app.
 */
class CustomBuildpacksIT {

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback PLATFORM = context -> platform = TestPlatform.get(context);

    static TestPlatform platform;

    @Test
    void pushedCnbBuildpackBuildsAnAppThatNamesItInAppJson() throws Exception {
        Shell.Result stored = push("cnb-buildpack", platform.app("it-cnb-bp"));
        assertThat(stored.exit()).as(stored.output()).isZero();
        assertThat(stored.output()).contains("This repository is a buildpack: stored, not deployed");

        String app = platform.app("it-uses-cnb");
        Shell.Result push = push("uses-cnb", app);

        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("Detected buildpacks: fixture/greeter@1.0.0").contains("Greeter fixture (CNB)");
        assertThat(platform.get(app, "/").body()).contains("Hello from the CNB fixture: world");
        assertThat(platform.docker.inspectImageCmd("slipway/" + app + ":v1").exec().getConfig().getLabels())
                .containsEntry("io.slipway.fixture", "cnb").containsKey("io.buildpacks.build.metadata");
    }

    @Test
    void pushedClassicBuildpackBuildsAnAppThatListsItInDotBuildpacks() throws Exception {
        Shell.Result stored = push("classic-buildpack", platform.app("it-classic-bp"));
        assertThat(stored.exit()).as(stored.output()).isZero();

        String app = platform.app("it-uses-classic");
        Shell.Result push = push("uses-classic", app);

        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("Greeter fixture (classic)").contains("Released v1");
        assertThat(platform.get(app, "/").body()).contains("Hello from the classic fixture: classic");
    }

    @Test
    void appNamingAnUnknownBuildpackIsRefusedWithTheChoices() throws Exception {
        Path repo = platform.fixtureRepo("uses-cnb", platform.app("it-unknown-bp"));
        Files.writeString(repo.resolve("app.json"), "{\"buildpacks\": [{\"url\": \"no-such-buildpack\"}]}");
        Map<String, String> env = platform.gitEnv(platform.adminKey);
        Shell.ok(repo, env, "git", "commit", "-qam", "unknown buildpack");

        Shell.Result push = Shell.run(repo, env, "git", "push", platform.remote("it-unknown-bp"), "master");

        assertThat(push.exit()).isNotZero();
        assertThat(push.output()).contains("unknown buildpack 'no-such-buildpack'").contains("slipway/nodejs");
    }

    @Test
    void brokenAppJsonIsRefusedWithItsLine() throws Exception {
        Path repo = platform.fixtureRepo("uses-cnb", platform.app("it-broken-json"));
        Files.writeString(repo.resolve("app.json"), "{\n  \"formation\": {\n    \"web\": {\"quantity\": \"many\"}\n  }\n}\n");
        Map<String, String> env = platform.gitEnv(platform.adminKey);
        Shell.ok(repo, env, "git", "commit", "-qam", "broken app.json");

        Shell.Result push = Shell.run(repo, env, "git", "push", platform.remote("it-broken-json"), "master");

        assertThat(push.exit()).isNotZero();
        assertThat(push.output()).contains("app.json").contains("formation.web.quantity must be a whole number");
    }

    private static Shell.Result push(String fixture, String app) throws IOException {
        Path repo = platform.fixtureRepo(fixture, app);
        return Shell.run(repo, platform.gitEnv(platform.adminKey), "git", "push", platform.remote(app), "master");
    }
}

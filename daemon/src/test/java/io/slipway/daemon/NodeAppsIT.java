package io.slipway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Node.js apps shaped like real projects, pushed with the real git client: what Heroku's Node.js
 * support does for them, Slipway must do too.
 */
class NodeAppsIT {

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback PLATFORM = context -> platform = TestPlatform.get(context);

    static TestPlatform platform;

    @Test
    void postinstallGetsDevDependenciesAndTheProcfileRunsAPackageBinary() throws Exception {
        String app = platform.app("it-node-scripted");

        Shell.Result push = push("node-scripted", app);

        // typescript is a devDependency the postinstall script needs; http-server is on PATH at launch.
        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("Running postinstall script");
        HttpResponse<String> compiled = platform.get(app, "/greeting.js");
        assertThat(compiled.statusCode()).as(compiled.body()).isEqualTo(200);
        assertThat(compiled.body()).contains("compiled by postinstall");
        Shell.Result run = platform.ssh("run", app, "--", "http-server", "--version");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("v14.1.1");
    }

    @Test
    void workspacesMonorepoInstallsItsOwnPackages() throws Exception {
        String app = platform.app("it-node-workspaces");

        Shell.Result push = push("node-workspaces", app);

        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("in the app directory for npm workspaces");
        HttpResponse<String> root = platform.get(app, "/");
        assertThat(root.statusCode()).as(root.body()).isEqualTo(200);
        assertThat(root.body()).contains("hello from a workspace package");
    }

    private static Shell.Result push(String fixture, String app) {
        Path repo = platform.fixtureRepo(fixture, app);
        return Shell.run(repo, platform.gitEnv(platform.adminKey), "git", "push", platform.remote(app), "master");
    }
}

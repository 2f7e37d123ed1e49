package io.slipway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every sample app in samples/, pushed with the real git client and fetched through the router. */
class SamplesIT {

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback PLATFORM = context -> platform = TestPlatform.get(context);

    static TestPlatform platform;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            python-hello     | Hello from Slipway v1        | slipway/python
            static-hello     | Hello from Slipway v1 (static) | slipway/static
            go-hello         | Hello from Slipway v1        | slipway/go
            php-hello        | Hello from Slipway v1        | slipway/php
            java-hello       | Hello from Slipway v1        | slipway/java
            dockerfile-hello | Hello from Slipway v1 (Dockerfile) | Building with the Dockerfile
            appyaml-hello    | Hello from Slipway v1 (app.yaml)   | slipway/python
            profile-hello    | Hello from Slipway v1 (profile)    | slipway/python
            """)
    void sampleDeploysAndAnswers(String sample, String body, String buildNote) throws Exception {
        String app = platform.app("it-" + sample);
        Path repo = platform.sampleRepo(sample, app);
        Map<String, String> env = platform.gitEnv(platform.adminKey);

        Shell.Result push = Shell.run(repo, env, "git", "push", platform.remote(app), "master");

        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains(buildNote).contains("Built in").contains("Released v1");
        HttpResponse<String> root = platform.get(app, "/");
        assertThat(root.statusCode()).as(root.body()).isEqualTo(200);
        assertThat(root.body()).contains(body);
        if (!sample.startsWith("static")) {
            assertThat(platform.get(app, "/env").body()).contains(app).contains("v1").contains("web.1");
        }
    }
}

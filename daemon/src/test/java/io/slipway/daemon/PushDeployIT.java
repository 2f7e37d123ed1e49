package io.slipway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.router.IoTransport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The walking skeleton end to end: real git and ssh push a Node.js app, the router serves it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PushDeployIT {

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback PLATFORM = context -> platform = TestPlatform.get(context);

    static TestPlatform platform;
    static String app;
    static Path repo;
    static Map<String, String> env;

    @BeforeAll
    static void pushable() {
        app = platform.app("it-hello");
        repo = platform.sampleRepo("nodejs-hello", app);
        env = platform.gitEnv(platform.adminKey);
        Shell.ok(repo, env, "git", "remote", "add", "paas", platform.remote(app));
    }

    @Test
    @Order(1)
    void firstPushBuildsDeploysAndRoutes() throws Exception {
        Shell.Result push = Shell.run(repo, env, "git", "push", "paas", "master");

        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output())
                .contains("remote: -----> Detected buildpacks: slipway/nodejs")
                .contains("remote: -----> Released v1")
                .contains("remote: -----> http://" + app + ".localhost:" + platform.slipway.httpPort() + " deployed");
        HttpResponse<String> response = platform.get(app, "/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Hello from Slipway v1");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();

        Shell.Result logs = platform.ssh("logs", app, "--json");
        assertThat(logs.exit()).as(logs.output()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logs.output().lines().toList()) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).anyMatch(l -> l.path("source").asText().equals("slipway") && l.path("text").asText().equals("deployed v1")
                && !l.path("at").asText().isEmpty());
    }

    @Test
    @Order(2)
    void appSeesItsEnvironmentAndForwardedHeaders() throws Exception {
        HttpResponse<String> response = platform.get(app, "/env");

        assertThat(response.body()).contains("\"app\":\"" + app + "\"").contains("\"release\":\"v1\"")
                .contains("\"instance\":\"web.1\"");
    }

    @Test
    @Order(3)
    void secondPushServesTheChange() throws Exception {
        edit("server.js", "Hello from Slipway v1", "Hello from Slipway v2");
        Shell.ok(repo, env, "git", "commit", "-q", "-am", "v2");

        Shell.Result push = Shell.run(repo, env, "git", "push", "paas", "master");

        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("Released v2");
        assertThat(platform.get(app, "/").body()).isEqualTo("Hello from Slipway v2");
    }

    @Test
    @Order(4)
    void failedBuildIsRefusedAndTheOldReleaseKeepsServing() throws Exception {
        edit("package.json", "\"dependencies\": {", "\"dependencies\": {\n    \"slipway-no-such-package-4f1c\": \"1.0.0\",");
        Files.delete(repo.resolve("package-lock.json"));
        Shell.ok(repo, env, "git", "commit", "-q", "-am", "broken dependency");

        Shell.Result push = Shell.run(repo, env, "git", "push", "paas", "master");

        assertThat(push.exit()).as(push.output()).isNotZero();
        assertThat(push.output()).contains("remote:").contains("404").contains("slipway-no-such-package-4f1c")
                .contains("Build failed").contains("[remote rejected]");
        assertThat(platform.get(app, "/").body()).isEqualTo("Hello from Slipway v2");
        Shell.ok(repo, env, "git", "reset", "-q", "--hard", "HEAD~1");
    }

    @Test
    @Order(5)
    void appThatExitsOnStartIsRefusedAndTheOldReleaseKeepsServing() throws Exception {
        Files.writeString(repo.resolve("Procfile"), "web: echo starting && node -e \"process.exit(3)\"\n");
        Shell.ok(repo, env, "git", "add", "Procfile");
        Shell.ok(repo, env, "git", "commit", "-q", "-m", "a web process that exits");

        Shell.Result push = Shell.run(repo, env, "git", "push", "paas", "master");

        assertThat(push.exit()).as(push.output()).isNotZero();
        assertThat(push.output()).contains("Deploy failed").contains("exited with status 3")
                .contains("web.1 | starting");
        assertThat(platform.get(app, "/").body()).isEqualTo("Hello from Slipway v2");
        Shell.ok(repo, env, "git", "reset", "-q", "--hard", "HEAD~1");
    }

    @Test
    @Order(6)
    void brokenProcfileIsRefusedWithItsLine() throws Exception {
        Files.writeString(repo.resolve("Procfile"), "web: node server.js\nthis line is wrong\n");
        Shell.ok(repo, env, "git", "add", "Procfile");
        Shell.ok(repo, env, "git", "commit", "-q", "-m", "broken Procfile");

        Shell.Result push = Shell.run(repo, env, "git", "push", "paas", "master");

        assertThat(push.exit()).isNotZero();
        assertThat(push.output()).contains("Procfile line 2");
        assertThat(platform.get(app, "/").body()).isEqualTo("Hello from Slipway v2");
        Shell.ok(repo, env, "git", "reset", "-q", "--hard", "HEAD~1");
    }

    @Test
    @Order(7)
    void unknownKeyIsRefusedBeforeAnyPackIsReceived() {
        String other = platform.app("it-stranger");
        Path strangerRepo = platform.sampleRepo("nodejs-hello", other);
        Map<String, String> strangerEnv = platform.gitEnv(platform.strangerKey);

        Shell.Result push = Shell.run(strangerRepo, strangerEnv, "git", "push", platform.remote(other), "master");

        assertThat(push.exit()).isNotZero();
        assertThat(push.output()).contains("Permission denied");
        assertThat(Files.exists(platform.root.resolve("data/repos/" + other + ".git"))).isFalse();
        Shell.Result list = platform.ssh("apps:list");
        assertThat(list.output()).contains(app).doesNotContain(other);
    }

    @Test
    @Order(8)
    void unknownHostIs404AndAdminHealthAndStatsAnswer() throws Exception {
        assertThat(platform.get("it-nothing-here", "/").statusCode()).isEqualTo(404);
        HttpResponse<String> health = admin("/healthz");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        JsonNode stats = new ObjectMapper().readTree(admin("/stats").body());
        assertThat(stats.path("transport").asText()).as("the daemon runs on the transport auto picks")
                .isEqualTo(IoTransport.AUTO.resolve().label());
        List<String> apps = new ArrayList<>();
        stats.path("apps").forEach(a -> apps.add(a.path("app").asText()));
        assertThat(apps).contains(app);
    }

    private static HttpResponse<String> admin(String path) throws Exception {
        return TestPlatform.HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + platform.slipway.adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void edit(String file, String from, String to) throws Exception {
        Path path = repo.resolve(file);
        String text = Files.readString(path, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(path, text.replace(from, to), StandardCharsets.UTF_8);
    }
}

package io.slipway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Templates, SaaS apps, fork-to-upgrade, forks and similar apps, with the real git and ssh clients. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TemplatesIT {

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback PLATFORM = context -> platform = TestPlatform.get(context);

    static final ObjectMapper JSON = new ObjectMapper();
    static TestPlatform platform;
    static String source;
    static Path sourceRepo;
    static Map<String, String> env;

    @BeforeAll
    static void publishedTemplate() {
        source = platform.app("it-blog");
        sourceRepo = platform.sampleRepo("nodejs-hello", source);
        env = platform.gitEnv(platform.adminKey);
        Shell.Result push = Shell.run(sourceRepo, env, "git", "push", platform.remote(source), "master");
        assertThat(push.exit()).as(push.output()).isZero();
        Shell.Result publish = platform.ssh("templates:publish", source, "--name", "it-blog-tpl", "--description", "'A blog'");
        assertThat(publish.exit()).as(publish.output()).isZero();
    }

    static Shell.Result ok(String... command) {
        Shell.Result r = platform.ssh(command);
        assertThat(r.exit()).as(String.join(" ", command) + "\n" + r.output()).isZero();
        return r;
    }

    @Test
    @Order(1)
    void threeSaasAppsFromOneTemplateEachAnswerWithTheirOwnConfig() throws Exception {
        JsonNode templates = JSON.readTree(ok("templates", "--json").output());
        assertThat(templates.findValuesAsText("name")).contains("it-blog-tpl");
        assertThat(templates.findValuesAsText("description")).contains("A blog");
        for (String n : new String[] {"1", "2", "3"}) {
            String app = platform.app("it-saas-" + n);
            long t0 = System.nanoTime();
            ok("apps:create", app, "--template", "it-blog-tpl");
            assertThat((System.nanoTime() - t0) / 1e9).as("seconds to create a SaaS app").isLessThan(30);
            ok("config:set", app, "GREETING=shop-" + n);
        }
        for (String n : new String[] {"1", "2", "3"}) {
            assertThat(platform.get("it-saas-" + n, "/").body()).isEqualTo("shop-" + n);
        }
        var images = platform.docker.inspectContainerCmd(platform.docker.listContainersCmd()
                .withLabelFilter(Map.of("io.slipway.app", "it-saas-1")).exec().get(0).getId()).exec().getConfig().getImage();
        assertThat(images).startsWith("slipway/" + source + ":");
    }

    @Test
    @Order(2)
    void pushingToASaasAppIsRefusedWithTheUpgradeHint() throws Exception {
        Path repo = platform.sampleRepo("static-hello", "it-saas-push");
        Shell.Result push = Shell.run(repo, env, "git", "push", platform.remote("it-saas-1"), "master");

        assertThat(push.exit()).isNotZero();
        assertThat(push.output()).contains("SaaS app").contains("apps:upgrade it-saas-1");
    }

    @Test
    @Order(3)
    void upgradedAppIsClonedChangedAndPushedAndOnlyItChanges() throws Exception {
        ok("apps:upgrade", "it-saas-2");
        Path clone = platform.root.resolve("work/it-saas-2-clone");
        Shell.Result cloned = Shell.run(platform.root, env, "git", "clone", "-q", platform.remote("it-saas-2"), clone.toString());
        assertThat(cloned.exit()).as(cloned.output()).isZero();
        assertThat(Shell.ok(clone, env, "git", "log", "--oneline").lines().count()).isGreaterThanOrEqualTo(1);
        assertThat(Shell.ok(clone, env, "git", "rev-parse", "HEAD").strip())
                .isEqualTo(Shell.ok(sourceRepo, env, "git", "rev-parse", "HEAD").strip());

        Path server = clone.resolve("server.js");
        Files.writeString(server, Files.readString(server, StandardCharsets.UTF_8)
                .replace("process.env.GREETING || 'Hello from Slipway v1'", "'Upgraded and mine'"));
        Shell.ok(clone, env, "git", "commit", "-qam", "my change");
        Shell.Result push = Shell.run(clone, env, "git", "push", "origin", "master");
        assertThat(push.exit()).as(push.output()).isZero();

        assertThat(platform.get("it-saas-2", "/").body()).isEqualTo("Upgraded and mine");
        assertThat(platform.get("it-saas-1", "/").body()).isEqualTo("shop-1");
        assertThat(platform.get("it-saas-3", "/").body()).isEqualTo("shop-3");
        assertThat(JSON.readTree(ok("config", "it-saas-2", "--json").output()).path("GREETING").asText()).isEqualTo("shop-2");
    }

    @Test
    @Order(4)
    void templateFollowsItsSourceAndSaasAppsUpdateToIt() throws Exception {
        Path server = sourceRepo.resolve("server.js");
        Files.writeString(server, Files.readString(server, StandardCharsets.UTF_8).replace("Hello from Slipway v1", "Blog v2"));
        Shell.ok(sourceRepo, env, "git", "commit", "-qam", "v2");
        Shell.Result push = Shell.run(sourceRepo, env, "git", "push", platform.remote(source), "master");
        assertThat(push.exit()).as(push.output()).isZero();

        assertThat(JSON.readTree(ok("templates", "--json").output()).findValuesAsText("version")).contains("2");
        ok("config:unset", "it-saas-3", "GREETING");
        assertThat(platform.get("it-saas-3", "/").body()).isEqualTo("Hello from Slipway v1");
        ok("apps:update", "it-saas-3");
        assertThat(platform.get("it-saas-3", "/").body()).isEqualTo("Blog v2");
        assertThat(platform.get("it-saas-1", "/").body()).isEqualTo("shop-1");

        Path clone = platform.root.resolve("work/it-saas-2-clone");
        Shell.ok(clone, env, "git", "fetch", "-q", "origin", "template");
        assertThat(Shell.ok(clone, env, "git", "rev-parse", "FETCH_HEAD").strip())
                .isEqualTo(Shell.ok(sourceRepo, env, "git", "rev-parse", "HEAD").strip());
    }

    @Test
    @Order(5)
    void forkAndSimilarAppsAreDeployedFromTheSource() throws Exception {
        String fork = platform.app("it-blog-fork");
        ok("apps:fork", source, fork, "--with-addons", "none");
        assertThat(platform.get(fork, "/").body()).isEqualTo("Blog v2");
        assertThat(Shell.run(platform.root, env, "git", "ls-remote", platform.remote(fork)).output()).contains("refs/heads/master");

        platform.app(source + "_1");
        platform.app(source + "_2");
        ok("apps:fork", source, "--similar", "--command", "'node -e \"require(\\\"http\\\").createServer((q,s)=>s.end(\\\"similar\\\")).listen(process.env.PORT)\"'");
        ok("apps:fork", source, "--similar", "--with-addons", "none");
        JsonNode apps = JSON.readTree(ok("apps:list", "--json").output());
        assertThat(apps.findValuesAsText("name")).contains(source + "_1", source + "_2");
        assertThat(platform.get(source + "_1", "/").body()).isEqualTo("similar");
    }

    @Test
    @Order(7)
    void forkCopiesOrAttachesTheSourcesAddons() throws Exception {
        ok("addons:create", source, "redis");
        String copy = platform.app("it-blog-copy");
        String attached = platform.app("it-blog-att");

        ok("apps:fork", source, copy, "--with-addons", "copy");
        ok("apps:fork", source, attached, "--with-addons", "attach");

        JsonNode copied = JSON.readTree(ok("addons", copy, "--json").output());
        assertThat(copied).hasSize(1);
        assertThat(copied.get(0).path("app").asText()).isEqualTo(copy);
        assertThat(copied.get(0).path("service").asText()).isEqualTo("redis");
        JsonNode shared = JSON.readTree(ok("addons", attached, "--json").output());
        assertThat(shared).hasSize(1);
        assertThat(shared.get(0).path("app").asText()).isEqualTo(source);
        assertThat(JSON.readTree(ok("config", copy, "--json").output()).path("REDIS_URL").asText()).startsWith("redis://");
        assertThat(JSON.readTree(ok("config", attached, "--json").output()).path("REDIS_URL").asText())
                .isEqualTo(JSON.readTree(ok("config", source, "--json").output()).path("REDIS_URL").asText());
    }

    @Test
    @Order(6)
    void userWhoDoesNotOwnTheSourceIsRefused() throws Exception {
        Path key = platform.keygen("mallory");
        ok("users:create", "mallory");
        assertThat(platform.sshWithInput(platform.adminKey, Path.of(key + ".pub"), "keys:add", "main", "--user", "mallory")
                .exit()).isZero();

        Shell.Result fork = platform.ssh(key, "apps:fork", source, "it-stolen");
        assertThat(fork.exit()).isNotZero();
        assertThat(fork.output()).startsWith("error: ").contains("owner right");
        Shell.Result upgrade = platform.ssh(key, "apps:upgrade", "it-saas-1");
        assertThat(upgrade.output()).startsWith("error: ").contains("owner right");
        Shell.Result publish = platform.ssh(key, "templates:publish", source);
        assertThat(publish.exit()).isNotZero();
        assertThat(JSON.readTree(ok("apps:list", "--json").output()).findValuesAsText("name")).doesNotContain("it-stolen");
    }
}

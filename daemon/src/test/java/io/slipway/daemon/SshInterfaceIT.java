package io.slipway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SSH interface with the real ssh client: commands, --json, accounts, agents, access control, concurrency. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SshInterfaceIT {

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback PLATFORM = context -> platform = TestPlatform.get(context);

    static final ObjectMapper JSON = new ObjectMapper();
    static TestPlatform platform;
    static Path bobKey;
    static Path agentKey;
    static Path carolKey;

    @BeforeAll
    static void accounts() {
        bobKey = platform.keygen("bob");
        agentKey = platform.keygen("agent1");
        carolKey = platform.keygen("carol");
    }

    static JsonNode json(Shell.Result result) throws Exception {
        assertThat(result.exit()).as(result.output()).isZero();
        return JSON.readTree(result.output());
    }

    static Shell.Result ok(String... command) {
        Shell.Result r = platform.ssh(command);
        assertThat(r.exit()).as(String.join(" ", command) + "\n" + r.output()).isZero();
        return r;
    }

    @Test
    @Order(1)
    void appsConfigAndDomainsCommandsWorkAndAnswerInJson() throws Exception {
        String app = platform.app("it-cli");
        assertThat(json(platform.ssh("apps:create", app, "--json")).path("repository").asText()).endsWith("/" + app + ".git");
        assertThat(json(platform.ssh("apps:list", "--json")).findValuesAsText("name")).contains(app);

        // ssh joins its words with spaces, so a value with a space is quoted for the remote side, as with Dokku.
        ok("config:set", app, "GREETING='hello world'", "EMPTY=", "--no-restart");
        JsonNode config = json(platform.ssh("config", app, "--json"));
        assertThat(config.path("GREETING").asText()).isEqualTo("hello world");
        assertThat(config.path("EMPTY").asText()).isEmpty();
        assertThat(ok("config:get", app, "GREETING").output().strip()).isEqualTo("hello world");
        ok("config:unset", app, "EMPTY", "--no-restart");
        assertThat(json(platform.ssh("config", app, "--json")).has("EMPTY")).isFalse();
        // Unsetting again succeeds and changes nothing, as on Heroku and Dokku.
        assertThat(ok("config:unset", app, "EMPTY").output()).contains("EMPTY is not set");

        ok("domains:add", app, "www.it-cli.example");
        assertThat(json(platform.ssh("domains", app, "--json")).toString()).contains("www.it-cli.example");
        JsonNode info = json(platform.ssh("apps:info", app, "--json"));
        assertThat(info.path("owner").asText()).isEqualTo("admin");
        assertThat(info.path("domains").toString()).contains("www.it-cli.example");
        assertThat(info.path("addons").isArray()).isTrue();
        assertThat(info.path("addons")).isEmpty();
        ok("domains:remove", app, "www.it-cli.example");

        assertThat(json(platform.ssh("whoami", "--json")).path("role").asText()).isEqualTo("admin");
        JsonNode audit = json(platform.ssh("audit", "--json"));
        assertThat(audit.findValuesAsText("command")).anyMatch(c -> c.startsWith("config:set " + app));
    }

    @Test
    @Order(2)
    void keysAndUsersManageWhoMaySignIn() throws Exception {
        assertThat(platform.ssh(bobKey, "whoami").exit()).isNotZero();
        ok("users:create", "bob");
        Shell.Result added = platform.sshWithInput(platform.adminKey, Path.of(bobKey + ".pub"), "keys:add", "laptop", "--user", "bob");
        assertThat(added.exit()).as(added.output()).isZero();

        assertThat(json(platform.ssh(bobKey, "whoami", "--json")).path("name").asText()).isEqualTo("bob");
        assertThat(json(platform.ssh("keys", "--user", "bob", "--json")).findValuesAsText("name")).containsExactly("laptop");
        Shell.Result duplicate = platform.sshWithInput(platform.adminKey, Path.of(bobKey + ".pub"), "keys:add", "again", "--user", "bob");
        assertThat(duplicate.exit()).isNotZero();
        assertThat(duplicate.output()).startsWith("error: ").contains("already registered");
        Shell.Result garbage = platform.sshWithInput(platform.adminKey, Path.of(platform.root.resolve("home/.ssh/bob").toString()),
                "keys:add", "private", "--user", "bob");
        assertThat(garbage.exit()).isNotZero();
        assertThat(garbage.output()).startsWith("error: ");
    }

    @Test
    @Order(3)
    void userCannotPushToOrReadAnotherUsersApp() throws Exception {
        String app = platform.app("it-cli");
        Path repo = platform.sampleRepo("static-hello", "it-bob-attempt");
        Shell.Result push = Shell.run(repo, platform.gitEnv(bobKey), "git", "push", platform.remote(app), "master");
        assertThat(push.exit()).isNotZero();
        assertThat(push.output()).contains("may not deploy or change app " + app).contains("deploy right");

        Shell.Result read = platform.ssh(bobKey, "config", app);
        assertThat(read.exit()).isNotZero();
        assertThat(read.output()).startsWith("error: user bob may not read app " + app);
        assertThat(json(platform.ssh(bobKey, "apps:list", "--json")).findValuesAsText("name")).doesNotContain(app);
        assertThat(json(platform.ssh("audit", "--json")).findValuesAsText("outcome")).anyMatch(o -> o.startsWith("refused"));

        ok("sharing:add", app, "bob");
        assertThat(platform.ssh(bobKey, "config", app).exit()).isZero();
        Shell.Result destroy = platform.ssh(bobKey, "apps:destroy", app, "--confirm", app);
        assertThat(destroy.output()).contains("owner right");
        ok("sharing:remove", app, "bob");
        assertThat(platform.ssh(bobKey, "config", app).exit()).isNotZero();
    }

    @Test
    @Order(4)
    void agentSeesOnlyItsOwnUsersAndApps() throws Exception {
        ok("agents:create", "agent1", "--domain", "agent1.example");
        assertThat(platform.sshWithInput(platform.adminKey, Path.of(agentKey + ".pub"), "keys:add", "main", "--user", "agent1").exit()).isZero();

        assertThat(platform.ssh(agentKey, "users:create", "carol").exit()).isZero();
        assertThat(platform.sshWithInput(agentKey, Path.of(carolKey + ".pub"), "keys:add", "main", "--user", "carol").exit()).isZero();
        String app = platform.app("it-carol");
        assertThat(platform.ssh(agentKey, "apps:create", app, "--owner", "carol").exit()).isZero();

        assertThat(json(platform.ssh(agentKey, "users", "--json")).findValuesAsText("name")).containsExactlyInAnyOrder("agent1", "carol");
        assertThat(json(platform.ssh(agentKey, "apps:list", "--json")).findValuesAsText("name")).containsExactly(app);
        assertThat(json(platform.ssh(agentKey, "apps:info", app, "--json")).path("domains").toString())
                .contains(app + ".agent1.example");
        // The router knows the agent's domain at once: the app has no release yet, so 503, not 404.
        assertThat(platform.getHost(app + ".agent1.example", "/").statusCode()).isEqualTo(503);
        assertThat(platform.getHost("nobody.agent1.example", "/").statusCode()).isEqualTo(404);
        assertThat(json(platform.ssh(agentKey, "agents:info", "agent1", "--json")).path("is_agent").asBoolean()).isTrue();
        assertThat(platform.ssh(agentKey, "users:info", "bob").output()).startsWith("error: ").contains("may not manage user bob");
        assertThat(platform.ssh(agentKey, "agents").output()).contains("admin role");
        assertThat(json(platform.ssh(carolKey, "apps:list", "--json")).findValuesAsText("name")).containsExactly(app);
    }

    @Test
    @Order(5)
    void malformedInputIsRefusedAndChangesNothing() throws Exception {
        String app = platform.app("it-cli");
        JsonNode configBefore = json(platform.ssh("config", app, "--json"));
        List<String> appsBefore = json(platform.ssh("apps:list", "--json")).findValuesAsText("name");
        String[][] bad = {
                {"apps:create", "../x"}, {"apps:create", "Upper"}, {"apps:create", "admin"}, {"apps:info", "no-such-app"},
                {"config:set", app, "=x"}, {"config:set", app, "1A=b"}, {"config:set", app, "PORT=1"},
                {"config:set", app, "novalue"}, {"config:unset", app, "1NOT_A_KEY"},
                {"ps:scale", app, "worker=1"}, {"ps:scale", app, "web=-1"}, {"ps:scale", app, "web"},
                {"domains:add", app, "not a domain"}, {"domains:add", app, "other-app.localhost"},
                {"domains:add", app, "*.localhost"}, {"domains:add", app, "localhost"}, {"apps:destroy", app}, {"apps:destroy", app, "--confirm", "other"},
                {"no-such-command"}, {"apps:list", "--no-such-flag"}, {"rollback", app, "vX"},
                {"config:set", app, "BIG=" + "x".repeat(40_000)}, {"config:set", app, "HUGE=" + "y".repeat(100_000)}};
        for (String[] command : bad) {
            String what = String.join(" ", command);
            what = what.length() > 80 ? what.substring(0, 80) + "..." : what;
            Shell.Result r = platform.ssh(command);
            assertThat(r.exit()).as(what).isNotZero();
            assertThat(r.output().lines().findFirst().orElse("")).as(what).startsWith("error: ");
        }
        assertThat(platform.ssh("no-such-commnd").output()).contains("did you mean");
        assertThat(platform.ssh("ps:scal", app, "web=1").output()).contains("ps:scale");
        assertThat(platform.ssh("help", "ps:scal").output()).startsWith("error: unknown command 'ps:scal'; did you mean ps:scale");
        assertThat(platform.ssh("apps:destroy", app, "--confrm", app).output()).contains("did you mean --confirm");
        // The ssh client cannot pass a 10 MB argument (the OS limits one to 128 KiB); 10 MB on stdin instead.
        Path tenMegabytes = platform.root.resolve("ten-megabytes");
        java.nio.file.Files.write(tenMegabytes, new byte[10 << 20]);
        Shell.Result huge = platform.sshWithInput(platform.adminKey, tenMegabytes, "keys:add", "huge");
        assertThat(huge.exit()).isNotZero();
        assertThat(huge.output()).startsWith("error: ").contains("longer than");
        assertThat(json(platform.ssh("config", app, "--json"))).isEqualTo(configBefore);
        assertThat(json(platform.ssh("apps:list", "--json")).findValuesAsText("name")).isEqualTo(appsBefore);
    }

    @Test
    @Order(6)
    void fiftyConcurrentCommandsFromFiveKeysLoseNoUpdate() throws Exception {
        String app = platform.app("it-cli");
        List<Path> keys = new ArrayList<>(List.of(platform.adminKey, bobKey));
        ok("sharing:add", app, "bob");
        for (String name : List.of("dave", "erin", "frank")) {
            Path key = platform.keygen(name);
            ok("users:create", name);
            assertThat(platform.sshWithInput(platform.adminKey, Path.of(key + ".pub"), "keys:add", "main", "--user", name).exit()).isZero();
            ok("sharing:add", app, name);
            keys.add(key);
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Shell.Result>> runs = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            for (int i = 0; i < 10; i++) {
                Path key = keys.get(k);
                String var = "K" + k + "_" + i + "=v" + i;
                runs.add(pool.submit(() -> platform.ssh(key, "config:set", app, var, "--no-restart")));
            }
        }
        for (Future<Shell.Result> run : runs) {
            assertThat(run.get().exit()).as(run.get().output()).isZero();
        }
        pool.shutdown();
        JsonNode config = json(platform.ssh("config", app, "--json"));
        for (int k = 0; k < 5; k++) {
            for (int i = 0; i < 10; i++) {
                assertThat(config.path("K" + k + "_" + i).asText()).isEqualTo("v" + i);
            }
        }
    }

    @Test
    @Order(7)
    void commandsSharingOneControlMasterConnectionEachGetTheirOutputAndExitStatus() throws Exception {
        String app = platform.app("it-mux");
        try (ControlMaster mux = ControlMaster.open(platform, platform.adminKey)) {
            assertThat(json(mux.ssh("apps:create", app, "--json")).path("name").asText()).isEqualTo(app);
            // One after another: each session's status must reach the client, whichever side ends first.
            for (int i = 0; i < 25; i++) {
                assertThat(json(mux.ssh("apps:list", "--json")).findValuesAsText("name")).contains(app);
                Shell.Result missing = mux.ssh("apps:info", "no-such-app");
                assertThat(missing.exit()).as(missing.output()).isEqualTo(1);
                assertThat(missing.output()).isEqualTo("error: app no-such-app does not exist; run apps:list\n");
            }
            // At the same time, on the same connection: successes and refusals keep to their own session.
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Shell.Result>> sets = new ArrayList<>();
            List<Future<Shell.Result>> refusals = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String var = "MUX_" + i + "=v" + i;
                sets.add(pool.submit(() -> mux.ssh("config:set", app, var, "--no-restart")));
                refusals.add(pool.submit(() -> mux.ssh("config:set", app, "1BAD=x", "--no-restart")));
            }
            for (Future<Shell.Result> set : sets) {
                assertThat(set.get().exit()).as(set.get().output()).isZero();
            }
            for (Future<Shell.Result> refusal : refusals) {
                assertThat(refusal.get().exit()).as(refusal.get().output()).isNotZero();
                assertThat(refusal.get().output()).startsWith("error: ").hasLineCount(1);
            }
            pool.shutdown();
            JsonNode config = json(mux.ssh("config", app, "--json"));
            for (int i = 0; i < 16; i++) {
                assertThat(config.path("MUX_" + i).asText()).isEqualTo("v" + i);
            }
            assertThat(config.has("1BAD")).isFalse();
            assertThat(mux.ssh("apps:destroy", app, "--confirm", app).exit()).isZero();
        }
    }

    @Test
    @Order(8)
    void keyRemovedWhileItsConnectionStaysOpenRunsNoMoreCommands() throws Exception {
        Path key = platform.keygen("gina");
        ok("users:create", "gina");
        assertThat(platform.sshWithInput(platform.adminKey, Path.of(key + ".pub"), "keys:add", "main", "--user", "gina").exit()).isZero();
        try (ControlMaster mux = ControlMaster.open(platform, key)) {
            assertThat(json(mux.ssh("whoami", "--json")).path("name").asText()).isEqualTo("gina");

            ok("keys:remove", "main", "--user", "gina");

            Shell.Result after = mux.ssh("whoami");
            assertThat(after.exit()).isNotZero();
            assertThat(after.output()).startsWith("error: the key this connection signed in with").contains("no longer registered");
        }
    }

    @Test
    @Order(9)
    void destroyRemovesTheAppAndHelpListsCommands() throws Exception {
        assertThat(ok("help").output()).contains("ps:scale").contains("config:set").contains("apps:destroy");
        assertThat(ok("help", "ps:scale").output()).contains("TYPE=N");
        String app = platform.app("it-cli");
        ok("apps:destroy", app, "--confirm", app);
        assertThat(json(platform.ssh("apps:list", "--json")).findValuesAsText("name")).doesNotContain(app);
        assertThat(platform.ssh("apps:info", app).output()).startsWith("error: ").contains("does not exist");
    }
}

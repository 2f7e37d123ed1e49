package io.slipway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.core.HostCaBundle;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scheduler against the real engine: scaling, self-healing, zero-downtime, run, cron, logs, rollback. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulerIT {

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback PLATFORM = context -> platform = TestPlatform.get(context);

    static final ObjectMapper JSON = new ObjectMapper();
    static TestPlatform platform;
    static String app;
    static Path repo;
    static Map<String, String> env;

    @BeforeAll
    static void deployed() throws Exception {
        app = platform.app("it-sched");
        repo = platform.sampleRepo("nodejs-hello", app);
        env = platform.gitEnv(platform.adminKey);
        // Heroku's postdeploy runs after the first deploy only; @daily is a nickname cron accepts.
        // Dokku's predeploy example: what it writes is kept in the image; what postdeploy writes is not.
        Files.writeString(repo.resolve("app.json"), """
                {"cron": [{"command": "echo cron-ran-$SLIPWAY_APP", "schedule": "* * * * *"},
                          {"command": "echo nightly", "schedule": "@daily"}],
                 "scripts": {"postdeploy": {"command": "echo seeded-$SLIPWAY_APP"},
                             "dokku": {"predeploy": "echo written-by-$SLIPWAY_RELEASE > /app/predeploy.test",
                                       "postdeploy": "touch /app/postdeploy.test"}}}
                """);
        // The release phase runs after predeploy, on the image with what it wrote.
        Files.writeString(repo.resolve("Procfile"), "web: npm start\nrelease: cat /app/predeploy.test\n");
        Shell.ok(repo, env, "git", "add", "app.json", "Procfile");
        Shell.ok(repo, env, "git", "commit", "-qm", "cron");
        Shell.ok(repo, env, "git", "remote", "add", "paas", platform.remote(app));
        Shell.Result push = Shell.run(repo, env, "git", "push", "paas", "master");
        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("seeded-" + app).contains("written-by-v1");
    }

    @Test
    @Order(1)
    void scaleToThreeServesThreeDistinctInstancesWithNoFailedRequest() throws Exception {
        try (RequestLoop loop = RequestLoop.start(app)) {
            Shell.Result scale = platform.ssh("ps:scale", app, "web=3");

            assertThat(scale.exit()).as(scale.output()).isZero();
            assertThat(loop.stop()).as("failed requests while scaling").isZero();
        }
        Set<String> instances = new HashSet<>();
        for (int i = 0; i < 30 && instances.size() < 3; i++) {
            instances.add(JSON.readTree(platform.get(app, "/env").body()).path("instance").asText());
        }
        assertThat(instances).containsExactlyInAnyOrder("web.1", "web.2", "web.3");
        JsonNode ps = JSON.readTree(platform.ssh("ps", app, "--json").output());
        assertThat(ps).hasSize(3);
        assertThat(ps.findValuesAsText("state")).containsOnly("up");
    }

    @Test
    @Order(2)
    void killedInstanceIsReplacedWithinTenSeconds() throws Exception {
        var victim = platform.docker.listContainersCmd()
                .withLabelFilter(Map.of("io.slipway.app", app, "io.slipway.instance", "web.2")).exec().get(0);

        platform.docker.killContainerCmd(victim.getId()).exec();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode web2 = null;
        while (System.nanoTime() < deadline) {
            for (JsonNode i : JSON.readTree(platform.ssh("ps", app, "--json").output())) {
                if (i.path("name").asText().equals("web.2") && i.path("state").asText().equals("up")
                        && i.path("restarts").asInt() == 1) {
                    web2 = i;
                }
            }
            if (web2 != null) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(web2).as("web.2 back up within 10 s").isNotNull();
        assertThat(platform.ssh("logs", app, "-n", "200").output()).contains("web.2 crashed");
    }

    @Test
    @Order(3)
    void redeployUnderLoadDropsNoRequest() throws Exception {
        edit("Hello from Slipway v1", "Hello from Slipway v2");
        try (RequestLoop loop = RequestLoop.start(app)) {
            Shell.Result push = Shell.run(repo, env, "git", "push", "paas", "master");

            assertThat(push.exit()).as(push.output()).isZero();
            assertThat(push.output()).as("Heroku's postdeploy runs once").doesNotContain("seeded-");
            assertThat(loop.stop()).as("failed requests during the deploy").isZero();
        }
        assertThat(platform.get(app, "/").body()).isEqualTo("Hello from Slipway v2");
        assertThat(JSON.readTree(platform.ssh("ps", app, "--json").output())).hasSize(3);
    }

    @Test
    @Order(4)
    void releaseThatCrashesOnStartIsRefusedAndTheOldOneServes() throws Exception {
        Shell.Result push = pushProcfile("web: echo booting && exit 4");

        assertThat(push.exit()).isNotZero();
        assertThat(push.output()).contains("exited with status 4").contains("web.1 | booting");
        assertThat(platform.ssh("logs", app, "-n", "100").output()).containsPattern("deploying v[0-9]+ failed: web.1 exited"
                + " with status 4");
        assertThat(platform.get(app, "/").body()).isEqualTo("Hello from Slipway v2");
        // One that binds its port, then exits (as next start does with no build to serve).
        Shell.Result late = pushProcfile("web: node -e \"require('http').createServer().listen(process.env.PORT,"
                + " () => setTimeout(() => process.exit(3), 300))\"");
        assertThat(late.exit()).as(late.output()).isNotZero();
        assertThat(late.output()).contains("web.1 exited with status 3 while starting").doesNotContain("traffic moved");
        assertThat(platform.get(app, "/").body()).isEqualTo("Hello from Slipway v2");
        // A command-line app that does its work and exits, pushed as web: said what it is.
        Shell.Result once = pushProcfile("web: echo done");
        assertThat(once.exit()).as(once.output()).isNotZero();
        assertThat(once.output()).contains("web.1 exited with status 0 while starting: a web process must keep running")
                .contains("run " + app + " task");
    }

    @Test
    @Order(5)
    void releaseThatNeverBindsItsPortIsRefusedAndTheOldOneServes() throws Exception {
        Shell.Result push = pushProcfile("web: echo not listening && sleep 600");

        assertThat(push.exit()).isNotZero();
        assertThat(push.output()).contains("did not listen on $PORT");
        assertThat(platform.get(app, "/").body()).isEqualTo("Hello from Slipway v2");
    }

    @Test
    @Order(5)
    void releaseListeningOnlyInsideItsContainerIsRefusedSayingWhere() throws Exception {
        Shell.Result push = pushProcfile("web: node -e \"require('http').createServer((q, s) => s.end('x'))"
                + ".listen(process.env.PORT, '127.0.0.1')\"");

        assertThat(push.exit()).isNotZero();
        assertThat(push.output()).contains("it listens on 127.0.0.1:5000, which only the container itself can reach")
                .as("refused once it is seen, not after the whole boot timeout")
                .contains("web.1 does not listen on $PORT (5000) where the router can reach it");
        assertThat(platform.get(app, "/").body()).isEqualTo("Hello from Slipway v2");
    }

    @Test
    @Order(6)
    void rollbackBringsBackTheOldBody() throws Exception {
        // What a crash of the platform while committing a predeploy image would leave behind.
        String leftover = "slipway." + app + ".predeploy-commit.v99";
        platform.docker.createContainerCmd("slipway/" + app + ":v1").withName(leftover).withCmd("true").exec();

        Shell.Result rollback = platform.ssh("rollback", app, "v1");

        assertThat(rollback.exit()).as(rollback.output()).isZero();
        assertThat(platform.docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(leftover)).exec())
                .as("a commit container left by a crash is removed by the next deploy").isEmpty();
        assertThat(rollback.output()).contains("Rolled back " + app + " to v1");
        assertThat(platform.get(app, "/").body()).isEqualTo("Hello from Slipway v1");
        String releases = platform.ssh("releases", app).output();
        assertThat(releases.lines().filter(l -> l.endsWith("(current)")).toList())
                .as(releases).singleElement().asString().contains("Rollback to v1");
    }

    @Test
    @Order(7)
    void psRestartAppliesConfigSetWithNoRestart() {
        Shell.Result set = platform.ssh("config:set", app, "PENDING=applied-on-restart", "--no-restart");
        assertThat(set.exit()).as(set.output()).isZero();
        assertThat(set.output()).doesNotContain("build system");
        Shell.Result paketo = platform.ssh("config:set", app, "BP_NODE_RUN_SCRIPTS=build", "--no-restart");
        assertThat(paketo.output()).contains("BP_NODE_RUN_SCRIPTS is another build system's setting, read (if at all)"
                + " when the app is built: ps:rebuild " + app + " builds it again now");
        // Dokku's --encoded: base64 values, for spaces and quotes that would not survive ssh's one line.
        String encoded = java.util.Base64.getEncoder().encodeToString("two 'quoted' words".getBytes(StandardCharsets.UTF_8));
        assertThat(platform.ssh("config:set", app, "--encoded", "--no-restart", "ENCODED=" + encoded).exit()).isZero();
        // An argument that starts with @ is a value, never a file of the daemon's to read.
        assertThat(platform.ssh("config:set", app, "--no-restart", "@/etc/hostname").output())
                .startsWith("error: '@/etc/hostname' is not KEY=value");
        Shell.Result notBase64 = platform.ssh("config:set", app, "--encoded", "BAD=not*base64");
        assertThat(notBase64.output()).startsWith("error: the value of BAD is not base64 (--encoded)");

        Shell.Result restart = platform.ssh("ps:restart", app);

        assertThat(restart.exit()).as(restart.output()).isZero();
        assertThat(restart.output()).contains("with its current config");
        assertThat(platform.ssh("run", app, "--", "echo $PENDING; echo $ENCODED").output()).contains("applied-on-restart")
                .contains("two 'quoted' words");
        assertThat(platform.ssh("ps:restart", app).output()).as("nothing pending: a plain restart")
                .doesNotContain("with its current config");
    }

    @Test
    @Order(7)
    void whatPredeployWroteIsInTheImageTheReleaseRunsButNotItsConfigVars() throws Exception {
        Shell.Result run = platform.ssh("run", app, "--", "cat /app/predeploy.test; test -e /app/postdeploy.test && echo kept");
        var web = platform.docker.listContainersCmd()
                .withLabelFilter(Map.of("io.slipway.app", app, "io.slipway.instance", "web.1")).exec().get(0);
        String release = web.getLabels().get("io.slipway.release");
        var image = platform.docker.inspectImageCmd(web.getImage()).exec();
        // The rollback to v1 ran predeploy on v1's built image again: one layer more, not one per deploy.
        var built = platform.docker.inspectImageCmd("slipway/" + app + ":v1").exec();

        assertThat(run.output()).contains("written-by-" + release).doesNotContain("kept");
        assertThat(web.getImage()).isEqualTo("slipway/" + app + ":" + release + "-predeploy");
        assertThat(image.getConfig().getEnv()).as("the script's environment stays out of the image")
                .noneMatch(e -> e.startsWith("SLIPWAY_RELEASE=") || e.startsWith("SLIPWAY_APP="));
        assertThat(image.getConfig().getLabels()).containsEntry("io.slipway.app", app);
        assertThat(image.getRootFS().getLayers()).hasSize(built.getRootFS().getLayers().size() + 1);
    }

    @Test
    @Order(7)
    void runReturnsTheOutputAndExitStatus() {
        Shell.Result run = platform.ssh("run", app, "--", "echo one-off in $SLIPWAY_APP; exit 7");

        assertThat(run.exit()).isEqualTo(7);
        assertThat(run.output()).contains("one-off in " + app);
        // Without --, as Dokku and Heroku take it: the command's own options and quotes are its own.
        Shell.Result bare = platform.ssh("run", app, "node", "-e", "'console.log(\"bare \" + (6 * 7))'");
        assertThat(bare.exit()).as(bare.output()).isZero();
        assertThat(bare.output()).contains("bare 42");
        assertThat(platform.ssh("run", app, "--", "echo", "before", "--", "after").output()).as("a -- of the command's own")
                .contains("before -- after");
    }

    @Test
    @Order(7)
    void runWithoutATerminalReadsWhatIsPipedInToItsEnd() throws Exception {
        Path input = Files.createTempFile(platform.root, "stdin", ".txt");
        Files.writeString(input, "first line\nsecond line\n");

        Shell.Result run = platform.sshWithInput(platform.adminKey, input, "run", app, "--", "echo lines=$(wc -l)");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("lines=2");
    }

    @Test
    @Order(7)
    void runningAppsTrustWhatTheHostTrusts() throws Exception {
        byte[] bundle = Files.readAllBytes(HostCaBundle.find().orElseThrow());
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bundle));

        Shell.Result run = platform.ssh("run", app, "--",
                "sha256sum " + HostCaBundle.IN_CONTAINER + "; echo node=$NODE_EXTRA_CA_CERTS");

        // The host's CAs (a TLS-intercepting proxy's among them) for every TLS client, Node.js's too.
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains(sha256).contains("node=" + HostCaBundle.IN_CONTAINER);
    }

    @Test
    @Order(8)
    void logsTailShowsWhatTheAppPrinted() throws Exception {
        Shell.Result logs = platform.ssh("logs", app, "-n", "500");

        assertThat(logs.output()).contains("web.1 | nodejs-hello listening on port 5000").contains("slipway | deployed");
    }

    @Test
    @Order(8)
    void logsOfOneProcessShowOnlyItsLines() {
        Shell.Result web = platform.ssh("logs", app, "-p", "web", "-n", "500");
        Shell.Result bad = platform.ssh("logs", app, "-p", "web/1");

        assertThat(web.exit()).as(web.output()).isZero();
        assertThat(web.output()).contains("web.1 | nodejs-hello listening on port 5000").doesNotContain("slipway | deployed")
                .containsPattern("slipway \\| web\\.[0-9]+ crashed");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.output()).contains("error: -p web/1 is not a process type or instance");
    }

    @Test
    @Order(9)
    void cronEntryFires() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(75).toNanos();
        String logs = "";
        while (System.nanoTime() < deadline && !logs.contains("cron-ran-" + app)) {
            Thread.sleep(2000);
            logs = platform.ssh("logs", app, "-n", "500").output();
        }
        assertThat(logs).contains("cron.1 | cron-ran-" + app);
    }

    @Test
    @Order(10)
    void daemonRestartLeavesTheInstancesRunningAndAdoptsThem() throws Exception {
        List<String> before = containerIds();
        String direct = "http://127.0.0.1:" + platform.docker.listContainersCmd()
                .withLabelFilter(Map.of("io.slipway.app", app, "io.slipway.instance", "web.1")).exec().get(0)
                .getPorts()[0].getPublicPort() + "/";
        try (RequestLoop loop = RequestLoop.direct(direct)) {
            platform.restartDaemon();
            assertThat(loop.stop()).as("failed requests to the instance while the daemon restarted").isZero();
        }
        assertThat(containerIds()).isEqualTo(before);
        assertThat(platform.get(app, "/").statusCode()).isEqualTo(200);
        JsonNode ps = JSON.readTree(platform.ssh("ps", app, "--json").output());
        assertThat(ps).hasSize(3);
        assertThat(ps.findValuesAsText("state")).containsOnly("up");
    }

    @Test
    @Order(11)
    void scaleRefusesUnknownTypesAndBadNumbersAndChangesNothing() throws Exception {
        for (String bad : List.of("worker=1", "web=-1", "web=lots", "web")) {
            Shell.Result scale = platform.ssh("ps:scale", app, bad);
            assertThat(scale.exit()).as(bad).isNotZero();
            assertThat(scale.output()).as(bad).startsWith("error: ");
        }
        assertThat(platform.ssh("ps:scale", app, "worker=1").output()).contains("has: web (a Procfile line worker: COMMAND");
        assertThat(JSON.readTree(platform.ssh("ps", app, "--json").output())).hasSize(3);
    }

    @Test
    @Order(12)
    void psStopStopsEveryInstanceUntilPsStartBringsTheFormationBackAndSoAcrossADaemonRestart() throws Exception {
        Shell.Result stop = platform.ssh("ps:stop", app);

        assertThat(stop.exit()).as(stop.output()).isZero();
        assertThat(containerIds()).isEmpty();
        HttpResponse<String> down = platform.get(app, "/");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("it is stopped (ps:start starts it)");
        assertThat(platform.ssh("ps", app).output()).contains(app + " is stopped (ps:stop)");
        assertThat(JSON.readTree(platform.ssh("apps:info", app, "--json").output()).path("stopped").asBoolean()).isTrue();
        assertThat(platform.ssh("ps:stop", app).output()).contains("is stopped already");
        platform.restartDaemon();
        Thread.sleep(3000);
        assertThat(containerIds()).as("a stopped app stays stopped when the platform restarts").isEmpty();

        Shell.Result start = platform.ssh("ps:start", app);

        assertThat(start.exit()).as(start.output()).isZero();
        assertThat(start.output()).contains("Started " + app);
        assertThat(JSON.readTree(platform.ssh("ps", app, "--json").output())).as("the formation before ps:stop").hasSize(3);
        assertThat(platform.get(app, "/").statusCode()).isEqualTo(200);
        assertThat(platform.ssh("ps:start", app).output()).contains("is running already");
    }

    @Test
    @Order(13)
    void psRebuildBuildsTheCurrentReleasesCommitAgainAsANewReleaseWithNoFailedRequest() throws Exception {
        String body = platform.get(app, "/").body();
        Shell.Result rebuild;
        try (RequestLoop loop = RequestLoop.start(app)) {
            rebuild = platform.ssh("ps:rebuild", app);
            assertThat(loop.stop()).as("failed requests during the rebuild").isZero();
        }

        assertThat(rebuild.exit()).as(rebuild.output()).isZero();
        java.util.regex.Matcher rebuilt = java.util.regex.Pattern.compile("Rebuilt " + app + " from v\\d+'s commit \\w{7} as (v\\d+)")
                .matcher(rebuild.output());
        assertThat(rebuilt.find()).as(rebuild.output()).isTrue();
        assertThat(rebuild.output()).contains("Building " + app);
        assertThat(platform.get(app, "/").body()).isEqualTo(body);
        assertThat(JSON.readTree(platform.ssh("ps", app, "--json").output()).findValuesAsText("release"))
                .hasSize(3).containsOnly(rebuilt.group(1));
    }

    @Test
    @Order(14)
    void aPushToAStoppedAppStartsItsNewRelease() throws Exception {
        assertThat(platform.ssh("ps:stop", app).exit()).isZero();
        edit("Hello from Slipway", "Started by a push");

        Shell.Result push = Shell.run(repo, env, "git", "push", "paas", "master");

        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains(app + " was stopped (ps:stop)");
        assertThat(platform.get(app, "/").body()).startsWith("Started by a push");
        assertThat(platform.ssh("ps", app).output()).doesNotContain("is stopped");
    }

    @Test
    @Order(15)
    void aPushToAnAppScaledToZeroKeepsItThereAndSaysHowToStartIt() throws Exception {
        assertThat(platform.ssh("ps:scale", app, "web=0").exit()).isZero();
        edit("Started by a push", "Scaled to zero");

        Shell.Result push = Shell.run(repo, env, "git", "push", "paas", "master");

        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("nothing runs: ps:scale set web to 0; ps:scale " + app + " web=1 starts web");
        assertThat(containerIds()).isEmpty();
        assertThat(platform.ssh("ps:scale", app, "web=1").exit()).isZero();
        assertThat(platform.get(app, "/").body()).startsWith("Scaled to zero");
    }

    private static List<String> containerIds() {
        return platform.docker.listContainersCmd().withLabelFilter(Map.of("io.slipway.app", app, "io.slipway.role", "instance"))
                .exec().stream().map(c -> c.getId()).sorted().toList();
    }

    private static Shell.Result pushProcfile(String procfile) throws Exception {
        Files.writeString(repo.resolve("Procfile"), procfile + "\n");
        Shell.ok(repo, env, "git", "add", "Procfile");
        Shell.ok(repo, env, "git", "commit", "-qm", procfile);
        Shell.Result push = Shell.run(repo, env, "git", "push", "paas", "master");
        Shell.ok(repo, env, "git", "reset", "-q", "--hard", "HEAD~1");
        return push;
    }

    private static void edit(String from, String to) throws Exception {
        Path file = repo.resolve("server.js");
        Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8).replace(from, to));
        Shell.ok(repo, env, "git", "commit", "-qam", to);
    }

    /** GETs in a loop on a background thread, counting every answer that is not a 200. */
    static final class RequestLoop implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger failures = new AtomicInteger();
        private final AtomicInteger requests = new AtomicInteger();
        private final Thread thread;

        private RequestLoop(java.util.concurrent.Callable<Integer> request) {
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        requests.incrementAndGet();
                        if (request.call() != 200) {
                            failures.incrementAndGet();
                        }
                        Thread.sleep(10);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
            thread.start();
        }

        static RequestLoop start(String app) {
            return new RequestLoop(() -> platform.get(app, "/").statusCode());
        }

        static RequestLoop direct(String url) {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(5)).build();
            return new RequestLoop(() -> TestPlatform.HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        }

        int stop() throws InterruptedException {
            running.set(false);
            thread.join();
            assertThat(requests.get()).as("requests sent").isGreaterThan(5);
            return failures.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}

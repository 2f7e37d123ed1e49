package io.slipway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Add-ons end to end, with the real engine, ssh and git: samples/addons-hello keeps notes in
 * PostgreSQL and counts hits in Redis through the injected URLs; its data survives a redeploy,
 * an add-on container kill and a daemon restart; backup then restore brings back deleted rows;
 * an app not attached cannot reach the add-on; bad input changes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AddonsIT {

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback PLATFORM = context -> platform = TestPlatform.get(context);

    static final ObjectMapper JSON = new ObjectMapper();
    static TestPlatform platform;
    static String app;
    static String other;
    static Path repo;
    static Map<String, String> env;

    @BeforeAll
    static void deployed() throws Exception {
        app = platform.app("it-addons");
        other = platform.app("it-addons-other");
        env = platform.gitEnv(platform.adminKey);
        repo = push("addons-hello", app);
        push("addons-hello", other);
    }

    static Path push(String sample, String name) {
        Path dir = platform.sampleRepo(sample, name);
        Shell.ok(dir, env, "git", "remote", "add", "paas", platform.remote(name));
        Shell.Result push = Shell.run(dir, env, "git", "push", "paas", "master");
        assertThat(push.exit()).as(push.output()).isZero();
        return dir;
    }

    @AfterAll
    static void removeWhatIsLeft() {
        for (String a : List.of(app, other, "it-addons-gone", "it-addons-json")) {
            for (String name : List.of("postgres", "redis")) {
                String object = "slipway-addon." + a + "." + name;
                quietly(() -> platform.docker.removeContainerCmd(object).withForce(true).exec());
                quietly(() -> platform.docker.removeNetworkCmd(object).exec());
                quietly(() -> platform.docker.removeNetworkCmd(object + ".exposed").exec());
                quietly(() -> platform.docker.removeVolumeCmd(object).exec());
            }
        }
    }

    @Test
    @Order(1)
    void createInjectsTheUrlsAndTheAppReadsAndWritesThroughThem() throws Exception {
        Shell.Result postgres = ok("addons:create", app, "postgres");
        Shell.Result redis = ok("addons:create", app, "redis");

        assertThat(postgres.output()).contains("PostgreSQL 17").contains("DATABASE_URL set");
        assertThat(redis.output()).contains("REDIS_URL, REDIS_TLS_URL set");
        JsonNode status = json(platform.get(app, "/").body());
        assertThat(status.path("postgres").asText()).startsWith("PostgreSQL 17");
        assertThat(status.path("redis").asText()).isEqualTo("PONG");
        assertThat(status.path("database_host").asText()).isEqualTo("addon-it-addons-postgres");
        assertThat(send(app, "POST", "/notes?text=first").statusCode()).isEqualTo(201);
        assertThat(send(app, "POST", "/notes?text=second").statusCode()).isEqualTo(201);
        send(app, "POST", "/hits");
        assertThat(json(send(app, "POST", "/hits").body()).path("hits").asInt()).isEqualTo(2);
        assertThat(notes(app)).containsExactly("first", "second");
    }

    @Test
    @Order(2)
    void postgresAndRedisSpeakTlsToTheClientsThatAskForItAsHerokusDo() throws Exception {
        // As Heroku's Dev Center writes them: TLS, any certificate (Heroku's are self-signed too).
        Path script = Files.writeString(platform.root.resolve("tls.js"), """
                const { Client } = require('pg');
                const { createClient } = require('redis');
                const fail = e => { console.log('failed: ' + e.message); process.exit(1); };
                const pg = new Client({ connectionString: process.env.DATABASE_URL, ssl: { rejectUnauthorized: false } });
                const redis = createClient({ url: process.env.REDIS_TLS_URL, socket: { tls: true, rejectUnauthorized: false,
                  reconnectStrategy: false } });
                redis.on('error', fail);
                pg.connect().then(() => pg.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()'))
                  .then(r => { console.log('postgres tls=' + r.rows[0].ssl); })
                  .then(() => pg.query('CREATE EXTENSION IF NOT EXISTS vector'))
                  .then(() => pg.query("SELECT '[1,2,3]'::vector <-> '[1,2,5]'::vector AS d"))
                  .then(r => { console.log('pgvector distance=' + r.rows[0].d); return pg.end(); })
                  .then(() => redis.connect()).then(() => redis.ping())
                  .then(pong => { console.log('redis over tls: ' + pong); return redis.quit(); })
                  .catch(fail);
                """);

        Shell.Result tls = platform.sshWithInput(platform.adminKey, script, "run", app, "--", "node");

        assertThat(tls.output()).as(tls.output()).contains("postgres tls=true").contains("redis over tls: PONG")
                .as("pgvector, which the app's role may create").contains("pgvector distance=2");
        assertThat(tls.exit()).isZero();
    }

    @Test
    @Order(2)
    void infoShowsTheVersionAndMasksThePassword() throws Exception {
        String url = ok("config:get", app, "DATABASE_URL").output().strip();
        String password = URI.create(url).getUserInfo().split(":")[1];

        Shell.Result info = ok("addons:info", app, "postgres");
        JsonNode list = json(ok("addons", app, "--json").output());

        assertThat(info.output()).contains("PostgreSQL 17").contains("postgres://").contains(":********@")
                .contains("slipway-addon.it-addons.postgres").contains(app + " (DATABASE_URL)").doesNotContain(password);
        assertThat(list.findValuesAsText("name")).containsExactly("postgres", "redis");
        assertThat(list.toString()).doesNotContain(password);
    }

    @Test
    @Order(3)
    void badInputIsRefusedWithStateUnchanged() throws Exception {
        String before = state();
        List<String[]> bad = List.of(
                new String[] {"addons:create", app, "mongodb"},
                new String[] {"addons:create", app, "postgres"},
                new String[] {"addons:create", app, "redis", "--as", "../x"},
                new String[] {"addons:create", app, "redis", "--as", "database"},
                new String[] {"addons:create", "it-no-such-app", "redis"},
                new String[] {"addons:destroy", app, "postgres"},
                new String[] {"addons:destroy", app, "postgres", "--confirm", other},
                new String[] {"addons:destroy", app, "nosuch", "--confirm", app},
                new String[] {"addons:restore", app, "postgres", "20990101T000000Z.dump", "--confirm", app},
                new String[] {"addons:restore", app, "postgres", "../../slipway.db", "--confirm", app},
                new String[] {"addons:backup", app, "nosuch"},
                new String[] {"addons:backup-schedule", app, "postgres", "61 * * * *"},
                new String[] {"addons:backup-schedule", app, "postgres", "0 3 * * *", "--keep", "0"},
                new String[] {"addons:attach", app, "postgres", "--to", app},
                new String[] {"addons:detach", app, "postgres", "--from", other},
                new String[] {"addons:expose", app, "postgres", "--port", "80"});
        for (String[] command : bad) {
            Shell.Result r = platform.ssh(command);
            assertThat(r.exit()).as(String.join(" ", command)).isNotZero();
            assertThat(r.output()).as(String.join(" ", command)).startsWith("error: ").hasLineCount(1);
        }
        assertThat(platform.ssh("addons:create", app, "mongodb").output())
                .contains("postgres, redis, mysql, memcached");
        assertThat(platform.ssh("addons:destroy", app, "postgres").output()).contains("--confirm " + app);
        assertThat(state()).isEqualTo(before);
        assertThat(platform.docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.slipway.app", app, "io.slipway.role", "addon")).exec()).hasSize(2);
    }

    @Test
    @Order(4)
    void dataSurvivesARedeploy() throws Exception {
        Files.writeString(repo.resolve("server.js"), Files.readString(repo.resolve("server.js"))
                .replace("addons-hello v1", "addons-hello v2"));
        // The build reaches the app's add-ons, as on Heroku (migrations or pages rendered at build time).
        Files.writeString(repo.resolve("build-notes.js"), """
                const { Client } = require('pg');
                const c = new Client({ connectionString: process.env.DATABASE_URL });
                c.connect().then(() => c.query('SELECT count(*) AS n FROM notes'))
                  .then(r => { console.log('the build saw ' + r.rows[0].n + ' notes'); return c.end(); })
                  .catch(e => { console.log('the build cannot reach the database: ' + e.message); process.exit(1); });
                """);
        Files.writeString(repo.resolve("package.json"), Files.readString(repo.resolve("package.json"))
                .replace("\"start\": \"node server.js\"", "\"start\": \"node server.js\", \"heroku-postbuild\": \"node build-notes.js\""));
        Shell.ok(repo, env, "git", "add", "-A");
        Shell.ok(repo, env, "git", "commit", "-qm", "v2");
        Shell.Result push = Shell.run(repo, env, "git", "push", "paas", "master");
        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("the build saw 2 notes");

        assertThat(json(platform.get(app, "/").body()).path("greeting").asText()).isEqualTo("addons-hello v2");
        assertThat(notes(app)).containsExactly("first", "second");
        assertThat(hits(app)).isEqualTo(2);
    }

    @Test
    @Order(5)
    void dataSurvivesAnAddonContainerKill() throws Exception {
        platform.docker.killContainerCmd("slipway-addon.it-addons.postgres").exec();
        platform.docker.killContainerCmd("slipway-addon.it-addons.redis").exec();

        eventually(() -> notes(app).equals(List.of("first", "second")) && hits(app) == 2);
        assertThat(platform.ssh("logs", app, "-n", "200").output())
                .contains("add-on postgres (postgres) stopped (exit 137)").contains("add-on redis is up again");
        assertThat(json(ok("addons:info", app, "postgres", "--json").output()).path("state").asText()).startsWith("running");
    }

    @Test
    @Order(6)
    void dataSurvivesADaemonRestartAndTheServersAreAdopted() throws Exception {
        String id = platform.docker.inspectContainerCmd("slipway-addon.it-addons.postgres").exec().getId();

        platform.restartDaemon();

        assertThat(platform.docker.inspectContainerCmd("slipway-addon.it-addons.postgres").exec().getId()).isEqualTo(id);
        assertThat(send(app, "POST", "/notes?text=third").statusCode()).isEqualTo(201);
        assertThat(notes(app)).containsExactly("first", "second", "third");
        assertThat(hits(app)).isEqualTo(2);
    }

    @Test
    @Order(7)
    void backupThenRestoreBringsBackDeletedRows() throws Exception {
        String backup = json(ok("addons:backup", app, "postgres", "--json").output()).path("id").asText();
        assertThat(backup).matches("\\d{8}T\\d{6}Z\\.dump");
        assertThat(json(ok("addons:backups", app, "postgres", "--json").output()).findValuesAsText("id")).contains(backup);
        send(app, "DELETE", "/notes");
        assertThat(notes(app)).isEmpty();

        Shell.Result unconfirmed = platform.ssh("addons:restore", app, "postgres", backup);
        assertThat(unconfirmed.exit()).isNotZero();
        assertThat(notes(app)).isEmpty();

        ok("addons:restore", app, "postgres", backup, "--confirm", app);

        assertThat(notes(app)).containsExactly("first", "second", "third");
    }

    @Test
    @Order(8)
    void anAppNotAttachedCannotReachTheAddon() throws Exception {
        String ip = addonIp("postgres");

        JsonNode byName = json(platform.get(other, "/probe?host=addon-it-addons-postgres&port=5432").body());
        JsonNode byAddress = json(platform.get(other, "/probe?host=" + ip + "&port=5432").body());

        assertThat(byName.path("reachable").asBoolean()).as(byName.toString()).isFalse();
        assertThat(byAddress.path("reachable").asBoolean()).as(byAddress.toString()).isFalse();
        assertThat(json(platform.get(other, "/").body()).path("postgres").asText()).isEqualTo("absent");
        assertThat(json(platform.get(app, "/probe?host=" + ip + "&port=5432").body()).path("reachable").asBoolean()).isTrue();
    }

    @Test
    @Order(9)
    void attachSharesTheDatabaseAndDetachTakesItAway() throws Exception {
        Shell.Result attach = ok("addons:attach", app, "postgres", "--to", other);

        assertThat(attach.output()).contains("DATABASE_URL set");
        assertThat(notes(other)).containsExactly("first", "second", "third");
        JsonNode seen = json(ok("addons", other, "--json").output());
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).path("app").asText()).isEqualTo(app);
        JsonNode info = json(ok("apps:info", other, "--json").output());
        assertThat(info.path("addons").findValuesAsText("name")).containsExactly("postgres");
        assertThat(info.path("addons").findValuesAsText("app")).containsExactly(app);
        assertThat(ok("apps:info", other).output()).contains(app + "/postgres (postgres, running");

        ok("addons:detach", app, "postgres", "--from", other);

        assertThat(json(platform.get(other, "/").body()).path("postgres").asText()).isEqualTo("absent");
        assertThat(json(platform.get(other, "/probe?host=" + addonIp("postgres") + "&port=5432").body())
                .path("reachable").asBoolean()).isFalse();
        assertThat(notes(app)).containsExactly("first", "second", "third");
    }

    @Test
    @Order(10)
    void connectRunsTheServicesOwnClientWithAndWithoutATerminal() throws Exception {
        Shell.Result count = ok("addons:connect", app, "postgres", "--", "SELECT count(*) AS notes FROM notes");
        Shell.Result ping = ok("addons:connect", app, "redis", "--", "PING");
        // A terminal as a user has one: script(1) gives ssh a pty, so ssh -t sends its terminal modes.
        String ssh = String.join(" ", platform.sshCommand(platform.adminKey)) + " -tt -p " + platform.slipway.sshPort()
                + " git@127.0.0.1 addons:connect " + app + " postgres";
        List<String> tty = List.of("sh", "-c", "(sleep 2; printf 'SELECT 40 + 2 AS answer;\\n'; sleep 1; printf '\\\\q\\n'; "
                + "sleep 1) | script -qefc \"$0\" /dev/null", ssh);
        Shell.Result interactive = Shell.run(platform.root, Map.of("HOME", platform.home.toString()), tty);
        // ssh -tt with stdin from a file sends a pty-req without terminal modes: still a terminal.
        Path script = Files.writeString(platform.root.resolve("connect.sql"), "SELECT 20 + 3 AS piped;\n\\q\n");
        Shell.Result piped = Shell.run(platform.root, Map.of("HOME", platform.home.toString()),
                List.of("sh", "-c", "timeout 60 " + ssh + " < " + script));

        // Without a terminal, what is piped in is the client's input, as with psql < script.sql.
        Shell.Result fed = Shell.run(platform.root, Map.of("HOME", platform.home.toString()), List.of("sh", "-c",
                "timeout 60 " + ssh.replace(" -tt ", " -T ") + " < " + script));

        assertThat(fed.output()).as(fed.output()).contains("piped").contains("23").doesNotContainPattern("=[>#]");
        assertThat(fed.exit()).as(fed.output()).isZero();
        assertThat(piped.output()).as(piped.output()).contains("piped").contains("23").containsPattern("=[>#]");
        assertThat(piped.exit()).as(piped.output()).isZero();
        assertThat(count.output()).contains("notes").contains("3");
        assertThat(ping.output()).contains("PONG");
        assertThat(interactive.output()).as(interactive.output()).contains("answer").contains("42");
        assertThat(interactive.exit()).isZero();
    }

    @Test
    @Order(11)
    void exposePublishesOnLoopbackOnlyAndUnexposeTakesItBack() throws Exception {
        String exposed = json(ok("addons:expose", app, "postgres", "--json").output()).path("exposed").asText();
        assertThat(exposed).startsWith("127.0.0.1:");
        int port = Integer.parseInt(exposed.substring("127.0.0.1:".length()));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertThat(socket.isConnected()).isTrue();
        }
        eventually(() -> notes(app).size() == 3);

        ok("addons:unexpose", app, "postgres");

        assertThat(canConnect(port)).isFalse();
        eventually(() -> notes(app).size() == 3);
    }

    @Test
    @Order(12)
    void scheduledBackupsRunAndKeepTheNewest() throws Exception {
        ok("addons:backup-schedule", app, "postgres", "* * * * *", "--keep", "1");
        List<String> before = json(ok("addons:backups", app, "postgres", "--json").output()).findValuesAsText("id");

        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<String> after = before;
        while (System.nanoTime() < deadline && (after.size() != 1 || before.contains(after.get(0)))) {
            Thread.sleep(2000);
            after = json(ok("addons:backups", app, "postgres", "--json").output()).findValuesAsText("id");
        }
        ok("addons:backup-schedule", app, "postgres", "off");

        assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
        assertThat(platform.ssh("logs", app, "-n", "300").output()).contains("scheduled backup");
    }

    @Test
    @Order(13)
    void destroyRemovesTheServerItsNetworkAndItsVolume() throws Exception {
        ok("addons:destroy", app, "redis", "--confirm", app);

        assertThat(json(platform.get(app, "/").body()).path("redis").asText()).isEqualTo("absent");
        assertThat(platform.ssh("config:get", app, "REDIS_URL").exit()).isNotZero();
        assertThat(platform.docker.listVolumesCmd().exec().getVolumes())
                .noneMatch(v -> v.getName().equals("slipway-addon.it-addons.redis"));
        assertThat(platform.docker.listNetworksCmd().withNameFilter("slipway-addon.it-addons.redis").exec()).isEmpty();
        assertThat(json(ok("addons", app, "--json").output()).findValuesAsText("name")).containsExactly("postgres");

        ok("addons:destroy", app, "postgres", "--confirm", app);
        assertThat(json(ok("addons", app, "--json").output())).isEmpty();
    }

    @Test
    @Order(14)
    void appsDestroyAsksThenTakesTheAppsAddonsAndTheirDataWithIt() throws Exception {
        String doomed = platform.app("it-addons-gone");
        ok("apps:create", doomed);
        ok("addons:create", doomed, "redis");

        assertThat(platform.ssh("apps:destroy", doomed).exit()).isNotZero();
        assertThat(platform.docker.inspectVolumeCmd("slipway-addon." + doomed + ".redis").exec()).isNotNull();

        ok("apps:destroy", doomed, "--confirm", doomed);

        assertThat(platform.docker.listVolumesCmd().exec().getVolumes())
                .noneMatch(v -> v.getName().equals("slipway-addon." + doomed + ".redis"));
        assertThat(platform.docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.slipway.app", doomed)).exec()).isEmpty();
    }

    @Test
    @Order(15)
    void appJsonAddonsAreCreatedOnPushWithTheirBackupScheduleAndLeftAloneAfter() throws Exception {
        String fromJson = platform.app("it-addons-json");
        Path dir = platform.sampleRepo("addons-hello", fromJson);
        Shell.ok(dir, env, "git", "remote", "add", "paas", platform.remote(fromJson));
        Files.writeString(dir.resolve("predeploy.js"), "const { Client } = require('pg');\n"
                + "const c = new Client({ connectionString: process.env.DATABASE_URL });\n"
                + "c.connect().then(() => c.query('SELECT 1')).then(() => { console.log('predeploy reached PostgreSQL');"
                + " return c.end(); }).catch((e) => { console.error(e.message); process.exit(1); });\n");
        Files.writeString(dir.resolve("app.json"), """
                {"scripts": {"predeploy": "node predeploy.js"},
                 "addons": [{"plan": "heroku-postgresql:essential-0",
                             "options": {"backup_schedule": "0 3 * * *", "backup_keep": 5, "version": "16"}},
                            "heroku-redis:mini"]}
                """);
        Shell.ok(dir, env, "git", "add", "-A");
        Shell.ok(dir, env, "git", "commit", "-qm", "add-ons from app.json");

        Shell.Result first = Shell.run(dir, env, "git", "push", "paas", "master");

        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("Creating add-on postgres (postgres)").contains("Creating add-on redis (redis)")
                .contains("options.version is not used here").contains("predeploy reached PostgreSQL");
        JsonNode status = json(platform.get(fromJson, "/").body());
        assertThat(status.path("postgres").asText()).startsWith("PostgreSQL 17");
        assertThat(status.path("redis").asText()).isEqualTo("PONG");
        JsonNode info = json(ok("addons:info", fromJson, "postgres", "--json").output());
        assertThat(info.path("backup_schedule").asText()).isEqualTo("0 3 * * *");
        assertThat(info.path("backup_keep").asInt()).isEqualTo(5);
        assertThat(ok("addons:info", fromJson, "postgres").output()).contains("0 3 * * *");
        assertThat(json(ok("addons:info", fromJson, "redis", "--json").output()).path("backup_schedule").asText()).isEmpty();
        assertThat(send(fromJson, "POST", "/notes?text=kept").statusCode()).isEqualTo(201);
        String server = platform.docker.inspectContainerCmd("slipway-addon." + fromJson + ".postgres").exec().getId();

        // A later push leaves them alone; a Heroku add-on this platform does not provide is skipped with a note.
        Files.writeString(dir.resolve("app.json"), Files.readString(dir.resolve("app.json"))
                .replace("\"heroku-redis:mini\"", "\"heroku-redis:mini\", \"papertrail:choklad\""));
        Shell.ok(dir, env, "git", "commit", "-qam", "an add-on there is none of");

        Shell.Result again = Shell.run(dir, env, "git", "push", "paas", "master");

        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).doesNotContain("Creating add-on")
                .contains("addons[2] asks for add-on 'papertrail:choklad', which this platform does not provide: skipped");
        assertThat(platform.docker.inspectContainerCmd("slipway-addon." + fromJson + ".postgres").exec().getId())
                .isEqualTo(server);
        assertThat(notes(fromJson)).containsExactly("kept");
        assertThat(json(ok("addons", fromJson, "--json").output()).findValuesAsText("name")).containsExactly("postgres", "redis");

        // A plan that is no add-on name stops the push with nothing changed.
        Files.writeString(dir.resolve("app.json"), Files.readString(dir.resolve("app.json"))
                .replace("\"papertrail:choklad\"", "\"Heroku Postgres\""));
        Shell.ok(dir, env, "git", "commit", "-qam", "not an add-on name");
        String before = ok("addons", fromJson, "--json").output() + ok("releases", fromJson, "--json").output()
                + ok("config", fromJson, "--json").output();

        Shell.Result refused = Shell.run(dir, env, "git", "push", "paas", "master");

        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output()).contains("app.json").contains("addons[2]").contains("'Heroku Postgres' is not an add-on plan name");
        assertThat(ok("addons", fromJson, "--json").output() + ok("releases", fromJson, "--json").output()
                + ok("config", fromJson, "--json").output()).isEqualTo(before);

        ok("apps:destroy", fromJson, "--confirm", fromJson);
    }

    /** Everything a refused command must leave as it was: add-ons, config, releases, engine objects. */
    static String state() {
        return ok("addons", app, "--json").output() + ok("addons", other, "--json").output()
                + ok("config", app, "--json").output() + ok("releases", app, "--json").output()
                + platform.docker.listVolumesCmd().exec().getVolumes().stream().map(v -> v.getName())
                .filter(n -> n.startsWith("slipway-addon.")).sorted().toList();
    }

    static Shell.Result ok(String... command) {
        Shell.Result r = platform.ssh(command);
        assertThat(r.exit()).as(String.join(" ", command) + "\n" + r.output()).isZero();
        return r;
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    static List<String> notes(String name) throws Exception {
        HttpResponse<String> r = platform.get(name, "/notes");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> notes = new ArrayList<>();
        json(r.body()).forEach(n -> notes.add(n.asText()));
        return notes;
    }

    static int hits(String name) throws Exception {
        HttpResponse<String> r = platform.get(name, "/hits");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body()).path("hits").asInt();
    }

    static HttpResponse<String> send(String name, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.slipway.httpPort() + path))
                .header("Host", name + ".localhost:" + platform.slipway.httpPort())
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
        return TestPlatform.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String addonIp(String name) {
        String network = "slipway-addon." + app + "." + name;
        return platform.docker.inspectContainerCmd(network).exec().getNetworkSettings().getNetworks().get(network)
                .getIpAddress();
    }

    static boolean canConnect(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Retries for up to 30 s; an assertion inside counts as "not yet". */
    static void eventually(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (Exception | AssertionError e) {
                last = e;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not true within 30 s", last);
    }

    static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // already gone
        }
    }
}

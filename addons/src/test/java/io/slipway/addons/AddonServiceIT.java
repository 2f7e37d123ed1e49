package io.slipway.addons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.slipway.core.Addons;
import io.slipway.core.Addons.Name;
import io.slipway.core.AppConfigurator;
import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import io.slipway.core.Logs;
import io.slipway.core.PushLog;
import io.slipway.core.Release;
import io.slipway.core.Scheduler.Terminal;
import io.slipway.core.store.Apps;
import io.slipway.core.store.Database;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The add-on service against the real engine, without the rest of the platform: a recording
 * configurator stands in for the deploy pipeline. The daemon's AddonsIT covers the whole path.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AddonServiceIT {

    static final AppName APP = AppName.of("it-addons-svc");
    static final AppName OTHER = AppName.of("it-addons-svc2");
    static DockerClient docker;
    static Path dir;
    static Database db;
    static AddonService addons;
    static final Map<AppName, Map<String, String>> config = new ConcurrentHashMap<>();
    static final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        DefaultDockerClientConfig c = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        docker = DockerClientImpl.getInstance(c, new ZerodepDockerHttpClient.Builder().dockerHost(c.getDockerHost())
                .responseTimeout(Duration.ofHours(1)).build());
        dir = Files.createTempDirectory("addons-it");
        db = Database.open(dir.resolve("state.db"));
        db.update("INSERT INTO users (name, role, created_at) VALUES ('admin', 'ADMIN', '2026-01-01T00:00:00Z')");
        new Apps(db).createIfAbsent(APP, "admin");
        new Apps(db).createIfAbsent(OTHER, "admin");
        addons = service();
        addons.start();
    }

    static AddonService service() {
        AppConfigurator configurator = (app, set, unset, restart, log) -> {
            Map<String, String> vars = config.computeIfAbsent(app, a -> new ConcurrentHashMap<>());
            vars.putAll(set);
            unset.forEach(vars::remove);
            return Optional.<Release>empty();
        };
        Logs logs = new Logs() {
            @Override
            public List<String> tail(AppName app, int lines) {
                return List.copyOf(events);
            }

            @Override
            public AutoCloseable follow(AppName app, Consumer<String> listener) {
                return () -> { };
            }

            @Override
            public void event(AppName app, String text) {
                events.add(app + " " + text);
            }
        };
        return new AddonService(docker, db, dir, configurator, logs,
                AddonSettings.defaults().withLoopInterval(Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() {
        addons.destroyAll(OTHER, PushLog.NOTHING);
        for (Addons.Addon a : addons.list(APP)) {
            addons.destroy(APP, a.name(), PushLog.NOTHING);
        }
        addons.close();
        db.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary directory; the OS cleans it up in the end
        }
    }

    static String psql(String sql) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = addons.connect(APP, new Name("postgres"), Optional.of(sql),
                new Terminal(new ByteArrayInputStream(new byte[0]), out, out, false));
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void postgresIsCreatedReadyAndItsUrlIsSet() {
        Addons.Addon pg = addons.create(APP, "postgres", Optional.empty(), PushLog.NOTHING);

        assertThat(pg.version()).startsWith("PostgreSQL 17");
        assertThat(pg.state()).isEqualTo("running");
        assertThat(pg.url()).startsWith("postgres://u").contains(":********@addon-it-addons-svc-postgres:5432/d");
        assertThat(config.get(APP).get("DATABASE_URL")).startsWith("postgres://").doesNotContain("********");
        assertThat(addons.networks(APP)).containsExactly("slipway-addon.it-addons-svc.postgres");
        assertThat(psql("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('one'), ('two');")).contains("INSERT 0 2");
    }

    @Test
    @Order(2)
    void badInputIsRefusedAndChangesNothing() {
        List<Addons.Addon> before = addons.list(APP);
        assertThatThrownBy(() -> addons.create(APP, "mongodb", Optional.empty(), PushLog.NOTHING))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("postgres, redis, mysql, memcached");
        assertThatThrownBy(() -> addons.create(APP, "postgres", Optional.empty(), PushLog.NOTHING))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already has an add-on named postgres");
        assertThatThrownBy(() -> addons.create(APP, "redis", Optional.of(Name.of("database")), PushLog.NOTHING))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(() -> addons.restore(APP, new Name("postgres"), "../../etc/passwd", PushLog.NOTHING))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no backup");
        assertThatThrownBy(() -> addons.schedule(APP, new Name("postgres"), "61 * * * *", 7))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("invalid cron schedule");
        assertThat(addons.list(APP)).isEqualTo(before);
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("io.slipway.app", APP.value()))
                .exec()).hasSize(1);
    }

    @Test
    @Order(3)
    void backupThenRestoreBringsBackDeletedRows() {
        Addons.Backup backup = addons.backup(APP, new Name("postgres"), PushLog.NOTHING);
        psql("DELETE FROM notes");
        assertThat(psql("SELECT count(*) FROM notes")).contains(" 0");

        addons.restore(APP, new Name("postgres"), backup.id(), PushLog.NOTHING);

        assertThat(psql("SELECT count(*) FROM notes")).contains(" 2");
        assertThat(addons.backups(APP, new Name("postgres"))).extracting(Addons.Backup::id).containsExactly(backup.id());
        assertThat(backup.sizeBytes()).isPositive();
    }

    @Test
    @Order(4)
    void killedServerIsRestartedWithItsData() throws Exception {
        String container = "slipway-addon.it-addons-svc.postgres";
        String before = docker.inspectContainerCmd(container).exec().getState().getStartedAt();
        docker.killContainerCmd(container).exec();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && (!Boolean.TRUE.equals(docker.inspectContainerCmd(container).exec().getState()
                .getRunning()) || before.equals(docker.inspectContainerCmd(container).exec().getState().getStartedAt()))) {
            Thread.sleep(200);
        }
        for (int i = 0; i < 100 && !addons.info(APP, new Name("postgres")).state().startsWith("running"); i++) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        assertThat(psql("SELECT count(*) FROM notes")).contains(" 2");
        assertThat(events).anyMatch(e -> e.contains("add-on postgres (postgres) stopped (exit 137)"));
    }

    @Test
    @Order(5)
    void attachGivesAnotherAppTheUrlAndNetworkAndDetachTakesThemAway() {
        addons.attach(APP, new Name("postgres"), OTHER, PushLog.NOTHING);

        assertThat(config.get(OTHER).get("DATABASE_URL")).isEqualTo(config.get(APP).get("DATABASE_URL"));
        assertThat(addons.networks(OTHER)).containsExactly("slipway-addon.it-addons-svc.postgres");
        assertThat(addons.list(OTHER)).extracting(Addons.Addon::name).containsExactly(new Name("postgres"));

        addons.detach(APP, new Name("postgres"), OTHER, PushLog.NOTHING);

        assertThat(config.get(OTHER)).doesNotContainKey("DATABASE_URL");
        assertThat(addons.networks(OTHER)).isEmpty();
    }

    @Test
    @Order(6)
    void exposePublishesOnLoopbackOnlyAndUnexposeTakesItBack() throws Exception {
        Addons.Addon exposed = addons.expose(APP, new Name("postgres"), 0, PushLog.NOTHING);

        assertThat(exposed.exposedPort()).isPositive();
        var bindings = docker.inspectContainerCmd("slipway-addon.it-addons-svc.postgres").exec().getNetworkSettings()
                .getPorts().getBindings();
        assertThat(bindings.values()).allSatisfy(b -> assertThat(b[0].getHostIp()).isEqualTo("127.0.0.1"));
        try (var socket = new java.net.Socket("127.0.0.1", exposed.exposedPort())) {
            assertThat(socket.isConnected()).isTrue();
        }
        assertThat(psql("SELECT count(*) FROM notes")).contains(" 2");

        Addons.Addon back = addons.unexpose(APP, new Name("postgres"), PushLog.NOTHING);

        assertThat(back.exposedPort()).isZero();
        assertThat(psql("SELECT count(*) FROM notes")).contains(" 2");
    }

    @Test
    @Order(7)
    void redisKeepsItsDataAcrossAKillAndRestoresAnRdbBackup() throws Exception {
        addons.create(APP, "redis", Optional.empty(), PushLog.NOTHING);
        assertThat(config.get(APP).get("REDIS_URL")).startsWith("redis://:").endsWith("@addon-it-addons-svc-redis:6379");
        assertThat(redis("SET greeting hello")).contains("OK");
        Addons.Backup backup = addons.backup(APP, new Name("redis"), PushLog.NOTHING);
        assertThat(redis("DEL greeting")).contains("1");
        assertThat(redis("SET later yes")).contains("OK");
        docker.killContainerCmd("slipway-addon.it-addons-svc.redis").exec();
        waitUntil(() -> redisQuietly("GET later").contains("yes"));

        addons.restore(APP, new Name("redis"), backup.id(), PushLog.NOTHING);

        assertThat(redis("GET greeting")).contains("hello");
        assertThat(redis("EXISTS later")).contains("0");
    }

    @Test
    @Order(8)
    void mysqlAndMemcachedStartWithTheirCredentials() {
        Addons.Addon mysql = addons.create(APP, "mysql", Optional.empty(), PushLog.NOTHING);
        Addons.Addon cache = addons.create(APP, "memcached", Optional.of(Name.of("CACHE")), PushLog.NOTHING);

        assertThat(mysql.version()).startsWith("MariaDB 11");
        assertThat(config.get(APP).get("MYSQL_URL")).matches("mysql://u[a-z0-9]{15}:[A-Za-z0-9]{32}@addon-it-addons-svc-mysql:3306/d[a-z0-9]{15}");
        assertThat(cache.version()).startsWith("memcached 1.6");
        assertThat(config.get(APP)).containsKeys("CACHE_URL", "CACHE_SERVERS", "CACHE_USERNAME", "CACHE_PASSWORD");
        assertThatThrownBy(() -> addons.backup(APP, new Name("cache"), PushLog.NOTHING))
                .hasMessageContaining("memcached keeps no persistent data");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        addons.connect(APP, new Name("mysql"), Optional.of("CREATE TABLE t (x INT); INSERT INTO t VALUES (7); SELECT x FROM t"),
                new Terminal(new ByteArrayInputStream(new byte[0]), out, out, false));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("7");
        Addons.Backup backup = addons.backup(APP, new Name("mysql"), PushLog.NOTHING);
        assertThat(backup.id()).endsWith(".sql");
    }

    @Test
    @Order(9)
    void aRestartedServiceAdoptsTheRunningServers() {
        String id = docker.inspectContainerCmd("slipway-addon.it-addons-svc.postgres").exec().getId();
        addons.close();
        addons = service();
        addons.start();

        assertThat(docker.inspectContainerCmd("slipway-addon.it-addons-svc.postgres").exec().getId()).isEqualTo(id);
        assertThat(psql("SELECT count(*) FROM notes")).contains(" 2");
    }

    @Test
    @Order(10)
    void destroyRemovesContainerNetworkAndVolume() {
        addons.destroy(APP, new Name("redis"), PushLog.NOTHING);

        assertThat(config.get(APP)).doesNotContainKey("REDIS_URL");
        assertThat(docker.listVolumesCmd().exec().getVolumes()).noneMatch(v -> v.getName().equals("slipway-addon.it-addons-svc.redis"));
        assertThat(docker.listNetworksCmd().withNameFilter("slipway-addon.it-addons-svc.redis").exec()).isEmpty();
        assertThat(addons.list(APP)).extracting(a -> a.name().value()).containsExactly("cache", "mysql", "postgres");
    }

    @Test
    @Order(11)
    void copyGivesANewAppItsOwnAddonWithTheSourcesData() {
        addons.copy(APP, OTHER, "copy", PushLog.NOTHING);

        assertThat(addons.list(OTHER)).extracting(a -> a.app().value() + "/" + a.name())
                .contains("it-addons-svc2/postgres", "it-addons-svc2/mysql", "it-addons-svc2/cache");
        assertThat(config.get(OTHER).get("DATABASE_URL")).contains("@addon-it-addons-svc2-postgres:5432/")
                .isNotEqualTo(config.get(APP).get("DATABASE_URL"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        addons.connect(OTHER, new Name("postgres"), Optional.of("SELECT count(*) FROM notes"),
                new Terminal(new ByteArrayInputStream(new byte[0]), out, out, false));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(" 2");

        addons.destroyAll(OTHER, PushLog.NOTHING);

        assertThat(addons.list(OTHER)).isEmpty();
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("io.slipway.app", OTHER.value()))
                .exec()).isEmpty();
    }

    static String redis(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        addons.connect(APP, new Name("redis"), Optional.of(command), new Terminal(new ByteArrayInputStream(new byte[0]), out, out, false));
        return out.toString(StandardCharsets.UTF_8);
    }

    static String redisQuietly(String command) {
        try {
            return redis(command);
        } catch (RuntimeException e) {
            return "";
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            Thread.sleep(250);
        }
    }
}

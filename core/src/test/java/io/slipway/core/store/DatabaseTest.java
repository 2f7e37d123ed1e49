package io.slipway.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.AppManifest;
import io.slipway.core.AppName;
import io.slipway.core.Release;
import io.slipway.core.Release.Status;
import io.slipway.core.SlipwayException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    private static final AppName HELLO = AppName.of("hello");
    private static final AppName OTHER = AppName.of("other");

    @TempDir
    Path dir;

    private Path file;
    private Database db;
    private Apps apps;
    private Releases releases;
    private ConfigVars config;
    private Users users;

    @BeforeEach
    void open() {
        file = dir.resolve("state.db");
        db = Database.open(file);
        apps = new Apps(db);
        releases = new Releases(db);
        config = new ConfigVars(db);
        users = new Users(db);
        users.addKey("alice", Users.Role.ADMIN, "laptop", "SHA256:alice", "ssh-ed25519 AAAA alice");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void openWhenFileIsReopenedAppliesMigrationsOnceAndKeepsData() {
        apps.createIfAbsent(HELLO, "alice");
        java.util.List<Integer> applied = db.query("SELECT version FROM schema_version ORDER BY version", r -> r.getInt(1));
        db.close();

        db = Database.open(file);
        db.close();
        db = Database.open(file);

        assertThat(applied).isNotEmpty();
        assertThat(applied).isEqualTo(java.util.stream.IntStream.rangeClosed(1, applied.size()).boxed().toList());
        assertThat(db.query("SELECT version FROM schema_version ORDER BY version", r -> r.getInt(1))).isEqualTo(applied);
        assertThat(new Apps(db).find(HELLO)).isPresent();
        assertThat(new Users(db).findByKey("SHA256:alice")).isPresent();
    }

    @Test
    void openWhenDirectoryDoesNotExistFailsWithTheFileName() {
        Path missing = dir.resolve("no/such/dir/state.db");
        assertThatThrownBy(() -> Database.open(missing))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void createIfAbsentWhenAppExistsReturnsFalseAndKeepsTheOwner() {
        users.addKey("bob", Users.Role.USER, "desk", "SHA256:bob", "ssh-ed25519 BBBB bob");

        assertThat(apps.createIfAbsent(HELLO, "alice")).isTrue();
        assertThat(apps.createIfAbsent(HELLO, "bob")).isFalse();

        assertThat(apps.find(HELLO)).get().extracting(Apps.App::owner).isEqualTo("alice");
        assertThat(apps.list()).extracting(Apps.App::name).containsExactly(HELLO);
    }

    @Test
    void createIfAbsentWhenOwnerIsUnknownFailsAndCreatesNothing() {
        assertThatThrownBy(() -> apps.createIfAbsent(HELLO, "nobody")).isInstanceOf(SlipwayException.class);
        assertThat(apps.find(HELLO)).isEmpty();
    }

    @Test
    void listReturnsAppsByName() {
        apps.createIfAbsent(OTHER, "alice");
        apps.createIfAbsent(HELLO, "alice");

        assertThat(apps.list()).extracting(Apps.App::name).containsExactly(HELLO, OTHER);
    }

    @Test
    void nextVersionCountsUpPerApp() {
        apps.createIfAbsent(HELLO, "alice");
        apps.createIfAbsent(OTHER, "alice");

        assertThat(releases.nextVersion(HELLO)).isEqualTo(1);
        releases.save(release(HELLO, 1, Status.DEPLOYED));
        assertThat(releases.nextVersion(HELLO)).isEqualTo(2);
        releases.save(release(HELLO, 2, Status.FAILED));
        assertThat(releases.nextVersion(HELLO)).isEqualTo(3);

        assertThat(releases.nextVersion(OTHER)).isEqualTo(1);
    }

    @Test
    void currentReturnsTheNewestDeployedRelease() {
        apps.createIfAbsent(HELLO, "alice");
        releases.save(release(HELLO, 1, Status.DEPLOYED));
        releases.save(release(HELLO, 2, Status.DEPLOYED));
        releases.save(release(HELLO, 3, Status.FAILED));
        releases.save(release(HELLO, 4, Status.PENDING));

        assertThat(releases.current(HELLO)).get().extracting(Release::version).isEqualTo(2);
    }

    @Test
    void currentWhenNothingIsDeployedIsEmpty() {
        apps.createIfAbsent(HELLO, "alice");
        releases.save(release(HELLO, 1, Status.FAILED));
        releases.save(release(HELLO, 2, Status.PENDING));

        assertThat(releases.current(HELLO)).isEmpty();
        assertThat(releases.current(OTHER)).isEmpty();
    }

    @Test
    void saveWhenVersionExistsUpdatesTheStatus() {
        apps.createIfAbsent(HELLO, "alice");
        Release pending = release(HELLO, 1, Status.PENDING);
        releases.save(pending);
        assertThat(releases.current(HELLO)).isEmpty();

        releases.save(pending.withStatus(Status.DEPLOYED));

        assertThat(releases.list(HELLO)).hasSize(1);
        assertThat(releases.current(HELLO)).contains(pending.withStatus(Status.DEPLOYED));
    }

    @Test
    void saveKeepsEveryFieldThroughARoundTrip() {
        apps.createIfAbsent(HELLO, "alice");
        Release release = new Release(HELLO, 1, "slipway/hello:v1", "0123456789abcdef", "Deploy 0123456",
                Status.DEPLOYED, AppManifest.ofProcesses(Map.of("web", "node 'server.js'", "worker", "npm run \"work\"")),
                Map.of("SECRET", "s3cr3t", "EMPTY", ""),
                Instant.parse("2024-05-06T07:08:09.123456Z"));
        releases.save(release);

        assertThat(releases.list(HELLO)).containsExactly(release);
    }

    @Test
    void listReturnsNewestFirst() {
        apps.createIfAbsent(HELLO, "alice");
        releases.save(release(HELLO, 1, Status.DEPLOYED));
        releases.save(release(HELLO, 2, Status.FAILED));
        releases.save(release(HELLO, 3, Status.DEPLOYED));

        assertThat(releases.list(HELLO)).extracting(Release::version).containsExactly(3, 2, 1);
    }

    @Test
    void saveWhenAppDoesNotExistFails() {
        assertThatThrownBy(() -> releases.save(release(HELLO, 1, Status.PENDING)))
                .isInstanceOf(SlipwayException.class);
    }

    @Test
    void configVarsSetOverwritesAndAllReturnsByName() {
        apps.createIfAbsent(HELLO, "alice");
        apps.createIfAbsent(OTHER, "alice");
        config.set(HELLO, Map.of("PORT", "5000", "DATABASE_URL", "postgres://x"));
        config.set(HELLO, Map.of("PORT", "6000"));
        config.set(OTHER, Map.of("ONLY", "other"));

        assertThat(config.all(HELLO)).containsExactly(Map.entry("DATABASE_URL", "postgres://x"),
                Map.entry("PORT", "6000"));
        assertThat(config.all(OTHER)).containsOnly(Map.entry("ONLY", "other"));
    }

    @Test
    void configVarsSetWhenOneVarFailsSetsNone() {
        apps.createIfAbsent(HELLO, "alice");
        java.util.LinkedHashMap<String, String> vars = new java.util.LinkedHashMap<>();
        vars.put("A", "1");
        vars.put("B", null);

        assertThatThrownBy(() -> config.set(HELLO, vars)).isInstanceOf(SlipwayException.class);

        assertThat(config.all(HELLO)).isEmpty();
    }

    @Test
    void findByKeyReturnsTheKeysUser() {
        users.addKey("bob", Users.Role.USER, "desk", "SHA256:bob", "ssh-ed25519 BBBB bob");

        assertThat(users.findByKey("SHA256:alice")).contains(new Users.User("alice", Users.Role.ADMIN));
        assertThat(users.findByKey("SHA256:bob")).contains(new Users.User("bob", Users.Role.USER));
        assertThat(users.findByKey("SHA256:unknown")).isEmpty();
        assertThat(users.hasAnyKey()).isTrue();
    }

    @Test
    void addKeyWhenFingerprintIsKnownKeepsTheFirstOwner() {
        users.addKey("mallory", Users.Role.USER, "stolen", "SHA256:alice", "ssh-ed25519 AAAA alice");

        assertThat(users.findByKey("SHA256:alice")).contains(new Users.User("alice", Users.Role.ADMIN));
    }

    @Test
    void addKeyWhenUserExistsAddsASecondKeyWithoutChangingTheRole() {
        users.addKey("alice", Users.Role.USER, "phone", "SHA256:alice2", "ssh-ed25519 CCCC phone");

        assertThat(users.findByKey("SHA256:alice2")).contains(new Users.User("alice", Users.Role.ADMIN));
    }

    @Test
    void hasAnyKeyWhenStoreIsNewIsFalse() {
        try (Database fresh = Database.open(dir.resolve("fresh.db"))) {
            assertThat(new Users(fresh).hasAnyKey()).isFalse();
        }
    }

    @Test
    void transactionWhenWorkThrowsRollsBackEverything() {
        RuntimeException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> db.transaction(c -> {
            try (var s = Database.prepare(c, "INSERT INTO apps (name, owner, created_at) VALUES (?, ?, ?)",
                    "hello", "alice", Instant.now().toString())) {
                s.executeUpdate();
            }
            throw boom;
        })).isSameAs(boom);

        assertThat(apps.find(HELLO)).isEmpty();
    }

    @Test
    void transactionWhenSqlFailsRollsBackAndWrapsTheError() {
        assertThatThrownBy(() -> db.transaction(c -> {
            try (var s = Database.prepare(c, "INSERT INTO apps (name, owner, created_at) VALUES (?, ?, ?)",
                    "hello", "alice", Instant.now().toString())) {
                s.executeUpdate();
            }
            throw new SQLException("disk on fire");
        })).isInstanceOf(SlipwayException.class).hasMessageContaining("disk on fire");

        assertThat(apps.find(HELLO)).isEmpty();
    }

    @Test
    void transactionAfterARollbackStillCommits() {
        assertThatThrownBy(() -> db.transaction(c -> {
            throw new IllegalStateException("boom");
        }));

        assertThat(apps.createIfAbsent(HELLO, "alice")).isTrue();
        db.close();
        db = Database.open(file);
        assertThat(new Apps(db).find(HELLO)).isPresent();
    }

    @Test
    void transactionWhenNestedWorkFailsRollsBackTheOuterWorkToo() {
        users.addKey("bob", Users.Role.USER, "desk", "SHA256:bob", "ssh-ed25519 BBBB bob");
        apps.createIfAbsent(HELLO, "alice");

        assertThatThrownBy(() -> db.transaction(c -> {
            try (var s = Database.prepare(c, "UPDATE apps SET owner = ? WHERE name = ?", "bob", "hello")) {
                s.executeUpdate();
            }
            db.query("SELECT COUNT(*) FROM apps", r -> r.getInt(1));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(db.query("SELECT owner FROM apps WHERE name = ?", r -> r.getString(1), "hello"))
                .containsExactly("alice");
    }

    @Test
    void updateReturnsTheRowsChanged() {
        apps.createIfAbsent(HELLO, "alice");
        apps.createIfAbsent(OTHER, "alice");

        assertThat(db.update("UPDATE apps SET owner = ? WHERE name LIKE ?", "alice", "%e%")).isEqualTo(2);
        assertThat(db.query("SELECT name FROM apps WHERE name = ?", r -> r.getString(1), "zzz")).isEqualTo(List.of());
    }

    private static Release release(AppName app, int version, Status status) {
        return new Release(app, version, "slipway/" + app + ":v" + version, "c0ffee" + version,
                "push " + version, status, AppManifest.ofProcesses(Map.of("web", "node server.js")), Map.of(), Instant.parse("2024-01-01T00:00:00Z"));
    }
}

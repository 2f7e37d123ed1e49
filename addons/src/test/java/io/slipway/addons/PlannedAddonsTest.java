package io.slipway.addons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.AddonPlan;
import io.slipway.core.Addons.Name;
import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import io.slipway.core.PushLog;
import io.slipway.core.store.Apps;
import io.slipway.core.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannedAddonsTest {

    static final AppName WEB = AppName.of("web");
    static final AppName SHOP = AppName.of("shop");

    @TempDir
    Path dir;

    Database db;
    AddonStore store;
    final List<String> created = new ArrayList<>();
    final List<String> said = new ArrayList<>();
    PlannedAddons planned;

    final PushLog out = said::add;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("state.db"));
        db.update("INSERT INTO users (name, role, created_at) VALUES ('admin', 'ADMIN', '2026-01-01T00:00:00Z')");
        new Apps(db).createIfAbsent(WEB, "admin");
        new Apps(db).createIfAbsent(SHOP, "admin");
        store = new AddonStore(db);
        // Only checkFree is reached, which reads the store alone.
        Attachments attachments = new Attachments(store, null, null, null);
        planned = new PlannedAddons(store, attachments, (app, service, as, schedule, keep, log) -> {
            created.add(app + " " + service + " " + as.map(Name::value).orElse("-") + " [" + schedule + "] " + keep);
            return null;
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void existing(AppName owner, String name, Service service, String prefix, AppName... attachedTo) {
        AddonRef ref = new AddonRef(owner, Name.of(name));
        AddonRecord a = new AddonRecord(ref, service, "img", "v", new Credentials("u", "p", "d"), 0, "", 7, Instant.EPOCH);
        store.insert(a, new AttachmentRecord(ref, owner, prefix, Instant.EPOCH));
        for (AppName app : attachedTo) {
            store.insertAttachment(new AttachmentRecord(ref, app, prefix, Instant.EPOCH));
        }
    }

    private static AddonPlan plan(String text) {
        return AddonPlan.of(text).orElseThrow();
    }

    @Test
    void provisionWhenTheAppHasNoneCreatesEachWithItsNameAndSchedule() {
        planned.provision(WEB, List.of(plan("heroku-postgresql").withBackups("0 3 * * *", 14), plan("jawsdb-maria"),
                plan("redis").named("cache")), out);

        assertThat(created).containsExactly("web postgres - [0 3 * * *] 14", "web mysql jawsdb-maria [] 7",
                "web redis cache [] 7");
    }

    @Test
    void provisionWhenTheAppOwnsTheAddonAlreadyLeavesItAlone() {
        existing(WEB, "postgres", Service.POSTGRES, "DATABASE");

        planned.provision(WEB, List.of(plan("heroku-postgresql").withBackups("0 3 * * *", 7), plan("heroku-redis")), out);

        assertThat(created).containsExactly("web redis - [] 7");
        assertThat(said).anyMatch(s -> s.contains("add-on postgres exists") && s.contains("addons:backup-schedule"));
    }

    @Test
    void provisionWhenAnotherAppsAddonGivesTheSameVarsLeavesItAlone() {
        existing(SHOP, "postgres", Service.POSTGRES, "DATABASE", WEB);

        planned.provision(WEB, List.of(plan("heroku-postgresql")), out);

        assertThat(created).isEmpty();
        assertThat(said).anyMatch(s -> s.contains("gets DATABASE_URL from add-on shop/postgres"));
    }

    @Test
    void provisionWhenTheNameIsTakenByAnotherServiceRefusesBeforeCreatingAny() {
        existing(WEB, "cache", Service.MEMCACHED, "CACHE");

        assertThatThrownBy(() -> planned.provision(WEB, List.of(plan("heroku-postgresql"), plan("redis").named("cache")), out))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContainingAll("app.json addons entry 'redis'", "is a memcached");
        assertThat(created).isEmpty();
    }

    @Test
    void provisionWhenTwoPlansGiveTheSameVarsRefusesBeforeCreatingAny() {
        assertThatThrownBy(() -> planned.provision(WEB, List.of(plan("heroku-postgresql"), plan("mysql").named("database")),
                out)).isInstanceOf(InvalidInputException.class).hasMessageContaining("DATABASE_URL");
        assertThat(created).isEmpty();
    }

    @Test
    void provisionWhenAPlanIsBadRefusesBeforeCreatingAny() {
        List<AddonPlan> plans = List.of(plan("redis"), new AddonPlan("mongolab", "mongodb", "", "", 7));

        assertThatThrownBy(() -> planned.provision(WEB, plans, out)).isInstanceOf(InvalidInputException.class)
                .hasMessageContainingAll("app.json addons entry 'mongolab'", "unknown service");
        assertThatThrownBy(() -> planned.provision(WEB, List.of(plan("memcachier").withBackups("0 3 * * *", 7)), out))
                .hasMessageContaining("keeps no persistent data");
        assertThatThrownBy(() -> planned.provision(WEB, List.of(plan("redis").withBackups("0 3 * * *", 0)), out))
                .hasMessageContaining("keep 1 to 1000");
        assertThat(created).isEmpty();
    }

    @Test
    void everyPlanStandsForAServiceThereIs() {
        assertThat(Service.ids()).containsAll(AddonPlan.services());
        assertThat(AddonPlan.of("heroku-postgresql:standard-0")).map(AddonPlan::service).contains("postgres");
        assertThat(AddonPlan.of("mongolab")).isEmpty();
        assertThat(AddonPlan.MAX_KEEP).isEqualTo(BackupSchedules.MAX_KEEP);
    }
}

package io.slipway.addons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.Addons.Name;
import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import io.slipway.core.SlipwayException;
import io.slipway.core.store.Apps;
import io.slipway.core.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddonStoreTest {

    static final AppName WEB = AppName.of("web");
    static final AppName API = AppName.of("shop");

    @TempDir
    Path dir;

    Database db;
    AddonStore store;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("state.db"));
        db.update("INSERT INTO users (name, role, created_at) VALUES ('admin', 'ADMIN', '2026-01-01T00:00:00Z')");
        new Apps(db).createIfAbsent(WEB, "admin");
        new Apps(db).createIfAbsent(API, "admin");
        store = new AddonStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static AddonRecord pg(AppName app, String name) {
        return new AddonRecord(new AddonRef(app, Name.of(name)), Service.POSTGRES, "slipway/addon-postgres:abc",
                "PostgreSQL 17.12", new Credentials("uone", "secret", "done"), 0, "", 7, Instant.parse("2026-01-21T03:00:00Z"));
    }

    @Test
    void insertKeepsTheAddonAndItsOwnersAttachment() {
        AddonRecord a = pg(WEB, "db");
        store.insert(a, new AttachmentRecord(a.ref(), WEB, "DATABASE", Instant.EPOCH));

        assertThat(store.find(a.ref())).contains(a);
        assertThat(store.attachmentsTo(WEB)).extracting(AttachmentRecord::prefix).containsExactly("DATABASE");
        assertThat(store.all()).containsExactly(a);
    }

    @Test
    void requireNamesTheAppsAddons() {
        AddonRecord a = pg(WEB, "db");
        store.insert(a, new AttachmentRecord(a.ref(), WEB, "DATABASE", Instant.EPOCH));

        assertThatThrownBy(() -> store.require(new AddonRef(WEB, Name.of("nosuch")))).isInstanceOf(InvalidInputException.class)
                .hasMessage("app web has no add-on named nosuch; it has: db");
        assertThatThrownBy(() -> store.require(new AddonRef(API, Name.of("db")))).hasMessageContaining("it has none");
    }

    @Test
    void attachmentsListTheOwnerFirstAndAnAppSeesItsOwnFirst() {
        AddonRecord db1 = pg(WEB, "db");
        AddonRecord db2 = pg(API, "db");
        store.insert(db1, new AttachmentRecord(db1.ref(), WEB, "DATABASE", Instant.EPOCH));
        store.insert(db2, new AttachmentRecord(db2.ref(), API, "DATABASE", Instant.EPOCH));
        store.insertAttachment(new AttachmentRecord(db1.ref(), API, "WEB_DB", Instant.EPOCH));

        assertThat(store.attachmentsOf(db1.ref())).extracting(AttachmentRecord::app).containsExactly(WEB, API);
        assertThat(store.attachmentsTo(API)).extracting(t -> t.addon().app()).containsExactly(API, WEB);
    }

    @Test
    void anAppCannotGetTheSameVariablesFromTwoAddons() {
        AddonRecord db1 = pg(WEB, "db");
        AddonRecord db2 = pg(WEB, "other");
        store.insert(db1, new AttachmentRecord(db1.ref(), WEB, "DATABASE", Instant.EPOCH));

        assertThatThrownBy(() -> store.insert(db2, new AttachmentRecord(db2.ref(), WEB, "DATABASE", Instant.EPOCH)))
                .isInstanceOf(SlipwayException.class);
        assertThat(store.find(db2.ref())).isEmpty();
    }

    @Test
    void deleteTakesTheAttachmentsWithIt() {
        AddonRecord a = pg(WEB, "db");
        store.insert(a, new AttachmentRecord(a.ref(), WEB, "DATABASE", Instant.EPOCH));
        store.insertAttachment(new AttachmentRecord(a.ref(), API, "DATABASE", Instant.EPOCH));

        store.delete(a.ref());

        assertThat(store.find(a.ref())).isEmpty();
        assertThat(store.attachmentsTo(API)).isEmpty();
    }

    @Test
    void removingAnAttachedAppForgetsItsAttachmentButNotTheAddon() {
        AddonRecord a = pg(WEB, "db");
        store.insert(a, new AttachmentRecord(a.ref(), WEB, "DATABASE", Instant.EPOCH));
        store.insertAttachment(new AttachmentRecord(a.ref(), API, "DATABASE", Instant.EPOCH));

        db.update("DELETE FROM apps WHERE name = 'shop'");

        assertThat(store.attachmentsOf(a.ref())).extracting(AttachmentRecord::app).containsExactly(WEB);
        assertThat(store.find(a.ref())).isPresent();
    }

    @Test
    void exposedPortAndScheduleAreUpdated() {
        AddonRecord a = pg(WEB, "db");
        store.insert(a, new AttachmentRecord(a.ref(), WEB, "DATABASE", Instant.EPOCH));

        store.setExposedPort(a.ref(), 15432);
        store.setSchedule(a.ref(), "0 3 * * *", 3);

        assertThat(store.find(a.ref()).orElseThrow()).isEqualTo(a.withExposedPort(15432).withSchedule("0 3 * * *", 3));
    }
}

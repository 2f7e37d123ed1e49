package io.slipway.addons;

import io.slipway.core.Addons.Name;
import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import io.slipway.core.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The addons and addon_attachments tables (migration V4). */
final class AddonStore {

    private static final String COLUMNS = "app, name, service, image, version, username, password, db_name, "
            + "exposed_port, backup_schedule, backup_keep, created_at";
    private static final String ATTACHMENT_COLUMNS = "addon_app, addon_name, app, var_prefix, created_at";

    private final Database db;

    AddonStore(Database db) {
        this.db = db;
    }

    /** Saves a new add-on with its owner's attachment, atomically. */
    void insert(AddonRecord a, AttachmentRecord owner) {
        db.transaction(c -> {
            try (var s = prepare(c, "INSERT INTO addons (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    a.ref().app().value(), a.ref().name().value(), a.service().id(), a.image(), a.version(),
                    a.credentials().username(), a.credentials().password(), a.credentials().database(),
                    a.exposedPort(), a.backupSchedule(), a.backupKeep(), a.createdAt().toString())) {
                s.executeUpdate();
            }
            try (var s = prepare(c, "INSERT INTO addon_attachments (" + ATTACHMENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
                    owner.addon().app().value(), owner.addon().name().value(), owner.app().value(), owner.prefix(),
                    owner.createdAt().toString())) {
                s.executeUpdate();
            }
            return null;
        });
    }

    Optional<AddonRecord> find(AddonRef ref) {
        return db.query("SELECT " + COLUMNS + " FROM addons WHERE app = ? AND name = ?", AddonStore::map,
                ref.app().value(), ref.name().value()).stream().findFirst();
    }

    /** The add-on, or a refusal that names the app's add-ons. */
    AddonRecord require(AddonRef ref) {
        return find(ref).orElseThrow(() -> {
            List<String> names = ownedBy(ref.app()).stream().map(a -> a.ref().name().value()).toList();
            return new InvalidInputException("app " + ref.app() + " has no add-on named " + ref.name() + "; "
                    + (names.isEmpty() ? "it has none (addons:create " + ref.app() + " SERVICE)"
                    : "it has: " + String.join(", ", names)));
        });
    }

    List<AddonRecord> all() {
        return db.query("SELECT " + COLUMNS + " FROM addons ORDER BY app, name", AddonStore::map);
    }

    List<AddonRecord> ownedBy(AppName app) {
        return db.query("SELECT " + COLUMNS + " FROM addons WHERE app = ? ORDER BY name", AddonStore::map, app.value());
    }

    void delete(AddonRef ref) {
        db.update("DELETE FROM addons WHERE app = ? AND name = ?", ref.app().value(), ref.name().value());
    }

    void setExposedPort(AddonRef ref, int port) {
        db.update("UPDATE addons SET exposed_port = ? WHERE app = ? AND name = ?", port, ref.app().value(),
                ref.name().value());
    }

    void setSchedule(AddonRef ref, String schedule, int keep) {
        db.update("UPDATE addons SET backup_schedule = ?, backup_keep = ? WHERE app = ? AND name = ?", schedule, keep,
                ref.app().value(), ref.name().value());
    }

    void setImage(AddonRef ref, String image, String version) {
        db.update("UPDATE addons SET image = ?, version = ? WHERE app = ? AND name = ?", image, version,
                ref.app().value(), ref.name().value());
    }

    void insertAttachment(AttachmentRecord a) {
        db.update("INSERT INTO addon_attachments (" + ATTACHMENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
                a.addon().app().value(), a.addon().name().value(), a.app().value(), a.prefix(), a.createdAt().toString());
    }

    void deleteAttachment(AddonRef ref, AppName app) {
        db.update("DELETE FROM addon_attachments WHERE addon_app = ? AND addon_name = ? AND app = ?",
                ref.app().value(), ref.name().value(), app.value());
    }

    /** The apps that see the add-on, its owner first. */
    List<AttachmentRecord> attachmentsOf(AddonRef ref) {
        return db.query("SELECT " + ATTACHMENT_COLUMNS + " FROM addon_attachments WHERE addon_app = ? AND addon_name = ? "
                        + "ORDER BY CASE WHEN app = addon_app THEN 0 ELSE 1 END, app", AddonStore::attachment,
                ref.app().value(), ref.name().value());
    }

    /** The add-ons an app sees, its own first. */
    List<AttachmentRecord> attachmentsTo(AppName app) {
        return db.query("SELECT " + ATTACHMENT_COLUMNS + " FROM addon_attachments WHERE app = ? "
                + "ORDER BY CASE WHEN addon_app = app THEN 0 ELSE 1 END, addon_app, addon_name", AddonStore::attachment,
                app.value());
    }

    private static java.sql.PreparedStatement prepare(java.sql.Connection c, String sql, Object... params)
            throws SQLException {
        java.sql.PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
        return s;
    }

    private static AddonRecord map(ResultSet r) throws SQLException {
        return new AddonRecord(new AddonRef(AppName.of(r.getString(1)), new Name(r.getString(2))),
                Service.of(r.getString(3)), r.getString(4), r.getString(5),
                new Credentials(r.getString(6), r.getString(7), r.getString(8)), r.getInt(9), r.getString(10),
                r.getInt(11), Instant.parse(r.getString(12)));
    }

    private static AttachmentRecord attachment(ResultSet r) throws SQLException {
        return new AttachmentRecord(new AddonRef(AppName.of(r.getString(1)), new Name(r.getString(2))),
                AppName.of(r.getString(3)), r.getString(4), Instant.parse(r.getString(5)));
    }
}

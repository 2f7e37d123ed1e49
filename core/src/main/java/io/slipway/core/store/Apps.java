package io.slipway.core.store;

import io.slipway.core.AppName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The apps table. */
public final class Apps {

    /**
     * An app. {@code kind} is {@code saas} for an app that runs a template's image and has no
     * repository, {@code paas} otherwise; {@code template} names the template it came from.
     */
    public record App(AppName name, String owner, Instant createdAt, String template, int templateVersion, String kind) {

        public boolean saas() {
            return kind.equals("saas");
        }
    }

    private static final String COLUMNS = "name, owner, created_at, template, template_version, kind";

    private final Database db;

    public Apps(Database db) {
        this.db = db;
    }

    /** Creates the app unless it exists; returns true when it was created. */
    public boolean createIfAbsent(AppName name, String owner) {
        return db.update("INSERT INTO apps (name, owner, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
                name.value(), owner, Instant.now().toString()) == 1;
    }

    public Optional<App> find(AppName name) {
        return db.query("SELECT " + COLUMNS + " FROM apps WHERE name = ?", Apps::map, name.value())
                .stream().findFirst();
    }

    /** Records where the app came from: a template and its version, and its kind (saas or paas). */
    public void setOrigin(AppName name, String template, int templateVersion, String kind) {
        db.update("UPDATE apps SET template = ?, template_version = ?, kind = ? WHERE name = ?", template,
                templateVersion, kind, name.value());
    }

    /** The apps created from a template. */
    public List<App> fromTemplate(String template) {
        return db.query("SELECT " + COLUMNS + " FROM apps WHERE template = ? ORDER BY name", Apps::map, template);
    }

    public boolean delete(AppName name) {
        return db.update("DELETE FROM apps WHERE name = ?", name.value()) == 1;
    }

    /** The apps a user owns. */
    public List<App> ownedBy(String user) {
        return db.query("SELECT " + COLUMNS + " FROM apps WHERE owner = ? ORDER BY name", Apps::map, user);
    }

    public List<App> list() {
        return db.query("SELECT " + COLUMNS + " FROM apps ORDER BY name", Apps::map);
    }

    private static App map(java.sql.ResultSet r) throws java.sql.SQLException {
        return new App(AppName.of(r.getString(1)), r.getString(2), Instant.parse(r.getString(3)), r.getString(4),
                r.getInt(5), r.getString(6));
    }
}

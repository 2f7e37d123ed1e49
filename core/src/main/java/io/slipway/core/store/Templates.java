package io.slipway.core.store;

import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Published templates: which app and release each offers, at which version. */
public final class Templates {

    /** A template: the source app's release {@code releaseVersion} is its version {@code version}. */
    public record Template(String name, AppName app, String description, int version, int releaseVersion,
                           String publishedBy, Instant createdAt) {
    }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,29}");
    private static final String COLUMNS = "name, app, description, version, release_version, published_by, created_at";

    private final Database db;

    public Templates(Database db) {
        this.db = db;
    }

    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("invalid template name '" + (name == null ? "" : name)
                    + "': use 1-30 lower-case letters, digits and dashes, starting with a letter");
        }
        return name;
    }

    public void publish(String name, AppName app, String description, int releaseVersion, String by) {
        db.update("INSERT INTO templates (" + COLUMNS + ") VALUES (?, ?, ?, 1, ?, ?, ?)", name, app.value(), description,
                releaseVersion, by, Instant.now().toString());
    }

    /** The source app has a new release: the template's next version. */
    public void advance(String name, int releaseVersion) {
        db.update("UPDATE templates SET version = version + 1, release_version = ? WHERE name = ?", releaseVersion, name);
    }

    public void describe(String name, String description) {
        db.update("UPDATE templates SET description = ? WHERE name = ?", description, name);
    }

    public boolean unpublish(String name) {
        return db.update("DELETE FROM templates WHERE name = ?", name) == 1;
    }

    public Optional<Template> find(String name) {
        return db.query("SELECT " + COLUMNS + " FROM templates WHERE name = ?", Templates::map, name).stream().findFirst();
    }

    public List<Template> list() {
        return db.query("SELECT " + COLUMNS + " FROM templates ORDER BY name", Templates::map);
    }

    /** The templates whose source is {@code app}. */
    public List<Template> ofSource(AppName app) {
        return db.query("SELECT " + COLUMNS + " FROM templates WHERE app = ? ORDER BY name", Templates::map, app.value());
    }

    private static Template map(java.sql.ResultSet r) throws java.sql.SQLException {
        return new Template(r.getString(1), AppName.of(r.getString(2)), r.getString(3), r.getInt(4), r.getInt(5),
                r.getString(6), Instant.parse(r.getString(7)));
    }
}

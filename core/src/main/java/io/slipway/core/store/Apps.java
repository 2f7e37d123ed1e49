package io.slipway.core.store;

import io.slipway.core.AppName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The apps table. */
public final class Apps {

    public record App(AppName name, String owner, Instant createdAt) {
    }

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
        return db.query("SELECT name, owner, created_at FROM apps WHERE name = ?", Apps::map, name.value())
                .stream().findFirst();
    }

    public boolean delete(AppName name) {
        return db.update("DELETE FROM apps WHERE name = ?", name.value()) == 1;
    }

    /** The apps a user owns. */
    public List<App> ownedBy(String user) {
        return db.query("SELECT name, owner, created_at FROM apps WHERE owner = ? ORDER BY name", Apps::map, user);
    }

    public List<App> list() {
        return db.query("SELECT name, owner, created_at FROM apps ORDER BY name", Apps::map);
    }

    private static App map(java.sql.ResultSet r) throws java.sql.SQLException {
        return new App(AppName.of(r.getString(1)), r.getString(2), Instant.parse(r.getString(3)));
    }
}

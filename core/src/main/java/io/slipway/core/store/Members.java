package io.slipway.core.store;

import io.slipway.core.AppName;
import java.util.List;

/** Collaborators: users an app's owner shared it with (they may deploy and manage it, not destroy or share it). */
public final class Members {

    private final Database db;

    public Members(Database db) {
        this.db = db;
    }

    public boolean add(AppName app, String user) {
        return db.update("INSERT INTO app_members (app, user_name) VALUES (?, ?) ON CONFLICT (app, user_name) DO NOTHING",
                app.value(), user) == 1;
    }

    public boolean remove(AppName app, String user) {
        return db.update("DELETE FROM app_members WHERE app = ? AND user_name = ?", app.value(), user) == 1;
    }

    public List<String> of(AppName app) {
        return db.query("SELECT user_name FROM app_members WHERE app = ? ORDER BY user_name", r -> r.getString(1), app.value());
    }

    public boolean isMember(AppName app, String user) {
        return !db.query("SELECT 1 FROM app_members WHERE app = ? AND user_name = ?", r -> 1, app.value(), user).isEmpty();
    }
}

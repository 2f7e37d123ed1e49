package io.slipway.core.store;

import io.slipway.core.AppName;
import java.util.LinkedHashMap;
import java.util.Map;

/** The config vars table: each app's environment. */
public final class ConfigVars {

    private final Database db;

    public ConfigVars(Database db) {
        this.db = db;
    }

    public Map<String, String> all(AppName app) {
        Map<String, String> vars = new LinkedHashMap<>();
        db.query("SELECT name, value FROM config_vars WHERE app = ? ORDER BY name",
                r -> vars.put(r.getString(1), r.getString(2)), app.value());
        return vars;
    }

    /** Makes the app's config exactly {@code vars} (rollback restores a release's config so). */
    public void replace(AppName app, Map<String, String> vars) {
        db.transaction(c -> {
            try (var s = Database.prepare(c, "DELETE FROM config_vars WHERE app = ?", app.value())) {
                s.executeUpdate();
            }
            set(app, vars);
            return null;
        });
    }

    public void set(AppName app, Map<String, String> vars) {
        db.transaction(c -> {
            for (Map.Entry<String, String> e : vars.entrySet()) {
                try (var s = Database.prepare(c, "INSERT INTO config_vars (app, name, value) VALUES (?, ?, ?) "
                        + "ON CONFLICT (app, name) DO UPDATE SET value = excluded.value",
                        app.value(), e.getKey(), e.getValue())) {
                    s.executeUpdate();
                }
            }
            return null;
        });
    }
}

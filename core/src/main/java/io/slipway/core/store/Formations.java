package io.slipway.core.store;

import io.slipway.core.AppName;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The quantities users set with ps:scale, which win over the defaults a release's app files give,
 * and whether the app is stopped (ps:stop), which keeps every quantity at 0 without forgetting it.
 */
public final class Formations {

    private final Database db;

    public Formations(Database db) {
        this.db = db;
    }

    public Map<String, Integer> scaled(AppName app) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        db.query("SELECT process_type, quantity FROM formation WHERE app = ? ORDER BY process_type",
                r -> quantities.put(r.getString(1), r.getInt(2)), app.value());
        return quantities;
    }

    /** Sets every given quantity in one transaction. */
    public void scale(AppName app, Map<String, Integer> quantities) {
        db.transaction(c -> {
            for (Map.Entry<String, Integer> e : quantities.entrySet()) {
                try (var s = Database.prepare(c, "INSERT INTO formation (app, process_type, quantity) VALUES (?, ?, ?) "
                        + "ON CONFLICT (app, process_type) DO UPDATE SET quantity = excluded.quantity",
                        app.value(), e.getKey(), e.getValue())) {
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    public boolean stopped(AppName app) {
        return !db.query("SELECT 1 FROM stopped_apps WHERE app = ?", r -> true, app.value()).isEmpty();
    }

    /** Marks the app stopped; false when it was already. */
    public boolean stop(AppName app) {
        return db.update("INSERT INTO stopped_apps (app, stopped_at) VALUES (?, datetime('now')) ON CONFLICT (app) DO NOTHING",
                app.value()) > 0;
    }

    /** Marks the app running again; false when it was not stopped. */
    public boolean start(AppName app) {
        return db.update("DELETE FROM stopped_apps WHERE app = ?", app.value()) > 0;
    }
}

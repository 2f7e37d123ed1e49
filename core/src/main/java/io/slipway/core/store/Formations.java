package io.slipway.core.store;

import io.slipway.core.AppName;
import java.util.LinkedHashMap;
import java.util.Map;

/** The quantities users set with ps:scale; they win over the defaults a release's app files give. */
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
}

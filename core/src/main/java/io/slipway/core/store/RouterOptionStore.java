package io.slipway.core.store;

import io.slipway.core.AppName;
import io.slipway.core.RouterOption;
import io.slipway.core.RouterOptions;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The router settings each app chose ({@code router:set}); the router reads them all at start-up. */
public final class RouterOptionStore {

    private final Database db;

    public RouterOptionStore(Database db) {
        this.db = db;
    }

    public RouterOptions of(AppName app) {
        Map<RouterOption, String> chosen = new EnumMap<>(RouterOption.class);
        db.query("SELECT name, value FROM router_options WHERE app = ?",
                r -> chosen.put(RouterOption.of(r.getString(1)), r.getString(2)), app.value());
        return new RouterOptions(chosen);
    }

    /** Sets the option (the value checked first), or with an empty value goes back to the default. */
    public RouterOptions set(AppName app, RouterOption option, String value) {
        if (value.isEmpty()) {
            db.update("DELETE FROM router_options WHERE app = ? AND name = ?", app.value(), option.key());
        } else {
            db.update("INSERT INTO router_options (app, name, value) VALUES (?, ?, ?) "
                    + "ON CONFLICT (app, name) DO UPDATE SET value = excluded.value", app.value(), option.key(),
                    option.check(value));
        }
        return of(app);
    }

    /** Every app that chose something, for the router at start-up. */
    public Map<AppName, RouterOptions> all() {
        Map<AppName, Map<RouterOption, String>> all = new LinkedHashMap<>();
        db.query("SELECT app, name, value FROM router_options ORDER BY app", r -> all.computeIfAbsent(
                AppName.of(r.getString(1)), a -> new EnumMap<>(RouterOption.class))
                .put(RouterOption.of(r.getString(2)), r.getString(3)));
        Map<AppName, RouterOptions> options = new LinkedHashMap<>();
        all.forEach((app, chosen) -> options.put(app, new RouterOptions(chosen)));
        return options;
    }
}

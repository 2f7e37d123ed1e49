package io.slipway.core.store;

import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Custom domains ({@code www.example.com}, {@code *.example.com}) and the app each one serves. */
public final class Domains {

    private static final Pattern HOST = Pattern.compile(
            "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    private final Database db;

    public Domains(Database db) {
        this.db = db;
    }

    /** A host name as the router matches it: lower case, no trailing dot, optionally {@code *.} wildcard. */
    public static String check(String domain) {
        String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.length() > 253 || !HOST.matcher(d).matches()) {
            throw new InvalidInputException("invalid domain '" + (domain == null ? "" : domain.length() > 60
                    ? domain.substring(0, 60) + "..." : domain) + "': use a host name like www.example.com or *.example.com");
        }
        return d;
    }

    /** Adds the domain; refuses one that another app serves. */
    public void add(AppName app, String domain) {
        Optional<AppName> owner = app(domain);
        if (owner.isPresent()) {
            throw new InvalidInputException("domain " + domain + " is already served by " + (owner.get().equals(app)
                    ? "this app" : "another app"));
        }
        db.update("INSERT INTO domains (domain, app) VALUES (?, ?)", domain, app.value());
    }

    public boolean remove(AppName app, String domain) {
        return db.update("DELETE FROM domains WHERE app = ? AND domain = ?", app.value(), domain) == 1;
    }

    public List<String> of(AppName app) {
        return db.query("SELECT domain FROM domains WHERE app = ? ORDER BY domain", r -> r.getString(1), app.value());
    }

    public Optional<AppName> app(String domain) {
        return db.query("SELECT app FROM domains WHERE domain = ?", r -> AppName.of(r.getString(1)), domain).stream().findFirst();
    }

    /** Every domain of every app, for the router at start-up. */
    public Map<String, AppName> all() {
        Map<String, AppName> all = new LinkedHashMap<>();
        db.query("SELECT domain, app FROM domains ORDER BY domain", r -> all.put(r.getString(1), AppName.of(r.getString(2))));
        return all;
    }
}

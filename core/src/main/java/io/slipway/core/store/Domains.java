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

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

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

    /**
     * A custom domain ({@code www.example.com}) or wildcard ({@code *.example.com}) as given by a
     * user, checked and normalized; refused when it is malformed, or is the platform domain itself or
     * has the shape of an app's own name there ({@code x.DOMAIN}, {@code *.DOMAIN}). Deeper names
     * under the platform domain are fine: agents' apps answer at {@code APP.agent.DOMAIN}.
     */
    public static String checkCustom(String domain, String platformDomain) {
        String name = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        boolean wildcard = name.startsWith("*.");
        String rest = wildcard ? name.substring(2) : name;
        if (rest.isEmpty() || rest.length() > 253 || rest.indexOf('.') < 0) {
            throw invalid(domain, "use a full host name such as www.example.com, or *.example.com for every"
                    + " name under example.com");
        }
        for (String label : rest.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw invalid(domain, "each part between dots must be 1-63 letters, digits or dashes, not"
                        + " starting or ending with a dash");
            }
        }
        if (rest.equals(platformDomain) || (!wildcard && oneLabelUnder(rest, platformDomain))) {
            throw invalid(domain, "APP." + platformDomain + " names are the platform's own; choose a domain of yours"
                    + " (a deeper name such as shop.agent." + platformDomain + " is fine)");
        }
        return name;
    }

    /** {@code x.DOMAIN}: the shape of an app's own name, which a custom domain must not take. */
    private static boolean oneLabelUnder(String name, String platformDomain) {
        String suffix = "." + platformDomain;
        return name.endsWith(suffix) && name.indexOf('.') == name.length() - suffix.length();
    }

    private static InvalidInputException invalid(String domain, String what) {
        String shown = domain == null ? "" : domain.length() > 80 ? domain.substring(0, 80) + "..." : domain;
        return new InvalidInputException("invalid domain '" + shown.replaceAll("\\p{Cntrl}", "?") + "': " + what);
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

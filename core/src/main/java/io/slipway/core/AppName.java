package io.slipway.core;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * An app's name: a DNS label, so it is safe in host names, paths and container names; a
 * similar app (nap's "group of similar apps") adds {@code _N} to its source's name.
 */
public record AppName(String value) implements Comparable<AppName> {

    private static final Pattern RULE = Pattern.compile("[a-z][a-z0-9-]{0,29}(_[1-9][0-9]{0,3})?");
    private static final Set<String> RESERVED = Set.of(
            "slipway", "admin", "api", "git", "ssh", "www", "localhost", "router", "stats", "metrics",
            "healthz", "help", "template", "templates");

    public AppName {
        if (value == null || !RULE.matcher(value).matches() || value.endsWith("-") || value.contains("-_")) {
            throw new InvalidInputException("invalid app name '" + printable(value)
                    + "': use 1-30 lower-case letters, digits and dashes, starting with a letter"
                    + " and not ending with a dash (e.g. my-app); similar apps add _N (my-app_2)");
        }
        if (RESERVED.contains(value)) {
            throw new InvalidInputException("app name '" + value + "' is reserved; choose another name");
        }
    }

    public static AppName of(String value) {
        return new AppName(value);
    }

    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public int compareTo(AppName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

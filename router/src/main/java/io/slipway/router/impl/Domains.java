package io.slipway.router.impl;

import io.slipway.core.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Host names as the router compares them: lower case, no trailing dot, no port. */
final class Domains {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private Domains() {
    }

    /** The host part of a {@code Host} header or SNI name, normalized; empty when there is none. */
    static String normalize(String host) {
        if (host == null || host.isEmpty()) {
            return "";
        }
        String name = host;
        if (name.charAt(0) != '[') {
            int colon = name.lastIndexOf(':');
            if (colon >= 0) {
                name = name.substring(0, colon);
            }
        }
        // toLowerCase returns the same string when there is nothing to change: no garbage per request.
        name = name.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    /**
     * A custom domain ({@code www.example.com}) or wildcard ({@code *.example.com}) as given by a
     * user, checked and normalized; refused when it is malformed, or is the platform domain itself or
     * has the shape of an app's own name there ({@code x.DOMAIN}, {@code *.DOMAIN}). Deeper names
     * under the platform domain are fine: agents' apps answer at {@code APP.agent.DOMAIN}.
     */
    static String checkCustom(String domain, String platformDomain) {
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
}

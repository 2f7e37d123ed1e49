package io.slipway.router.impl;

import java.util.Locale;

/** Host names as the router compares them: lower case, no trailing dot, no port. */
final class Domains {

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

    /** See {@link io.slipway.core.store.Domains#checkCustom}: the one rule the CLI checks too. */
    static String checkCustom(String domain, String platformDomain) {
        return io.slipway.core.store.Domains.checkCustom(domain, platformDomain);
    }
}

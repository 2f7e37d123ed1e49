package io.slipway.core;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The router settings an app chose; every option it did not choose is the router's default. */
public record RouterOptions(Map<RouterOption, String> chosen) {

    public static final RouterOptions DEFAULTS = new RouterOptions(Map.of());

    /** Validates and normalizes every value. */
    public RouterOptions {
        EnumMap<RouterOption, String> copy = new EnumMap<>(RouterOption.class);
        chosen.forEach((option, value) -> copy.put(option, option.check(value)));
        chosen = Collections.unmodifiableMap(copy);
    }

    public RouterOptions with(RouterOption option, String value) {
        EnumMap<RouterOption, String> next = new EnumMap<>(RouterOption.class);
        next.putAll(chosen);
        next.put(option, value);
        return new RouterOptions(next);
    }

    public RouterOptions without(RouterOption option) {
        EnumMap<RouterOption, String> next = new EnumMap<>(RouterOption.class);
        next.putAll(chosen);
        next.remove(option);
        return new RouterOptions(next);
    }

    /** The app's value, or the default. */
    public String value(RouterOption option) {
        return chosen.getOrDefault(option, option.defaultValue());
    }

    public boolean isDefault(RouterOption option) {
        return !chosen.containsKey(option);
    }

    public boolean roundRobin() {
        return value(RouterOption.BALANCING).equals("round-robin");
    }

    /** The app's body limit in bytes, or -1 for the router's own. */
    public long maxBodySize() {
        return isDefault(RouterOption.MAX_BODY_SIZE) ? -1 : RouterOption.bytes(value(RouterOption.MAX_BODY_SIZE)).orElseThrow();
    }

    /** The app's first-byte timeout, or {@link Duration#ZERO} for the router's own. */
    public Duration firstByteTimeout() {
        return isDefault(RouterOption.FIRST_BYTE_TIMEOUT) ? Duration.ZERO
                : RouterOption.duration(value(RouterOption.FIRST_BYTE_TIMEOUT)).orElseThrow();
    }

    public boolean redirectToHttps() {
        return Boolean.parseBoolean(value(RouterOption.REDIRECT_TO_HTTPS));
    }

    public boolean sessionAffinity() {
        return Boolean.parseBoolean(value(RouterOption.SESSION_AFFINITY));
    }
}

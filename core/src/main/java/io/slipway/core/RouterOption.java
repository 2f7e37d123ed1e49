package io.slipway.core;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A per-app router setting a user may choose ({@code router:set APP KEY VALUE}), with the
 * router's default and the values it accepts. {@link #check} validates once and returns the
 * normalized value, so the store and the router can trust what they hold.
 */
public enum RouterOption {

    /** How the router chooses among the app's instances. */
    BALANCING("balancing", "least-outstanding", "least-outstanding or round-robin"),
    /** The largest request body the app accepts; beyond it the client gets 413. */
    MAX_BODY_SIZE("max-body-size", "1g", "a size from 0 to 1t: bytes, or 512k, 10m, 2g"),
    /** How long an instance has to send the first byte of its answer before the client gets 504. */
    FIRST_BYTE_TIMEOUT("first-byte-timeout", "30s", "a duration from 1s to 1h: seconds, or 90s, 2m, 1h"),
    /** Whether plain HTTP requests are redirected to HTTPS (when the platform serves HTTPS). */
    REDIRECT_TO_HTTPS("redirect-to-https", "false", "true or false"),
    /**
     * Whether a client keeps going to the instance it first reached (a cookie names it), for apps
     * that keep sessions in memory: Heroku's http-session-affinity.
     */
    SESSION_AFFINITY("session-affinity", "false", "true or false");

    private static final Pattern SIZE = Pattern.compile("(\\d{1,13})([kmgt]?)b?");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,7})(ms|s|m|h)?");
    private static final long MAX_SIZE = 1L << 40;

    private final String key;
    private final String defaultValue;
    private final String accepts;

    RouterOption(String key, String defaultValue, String accepts) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.accepts = accepts;
    }

    /** The name users type: {@code max-body-size}. */
    public String key() {
        return key;
    }

    /** The router's value when the app has none of its own. */
    public String defaultValue() {
        return defaultValue;
    }

    /** The option a user named. */
    public static RouterOption of(String key) {
        String k = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.key.equals(k)).findFirst().orElseThrow(() ->
                new InvalidInputException("unknown router setting '" + key + "': use one of " + keys()));
    }

    /** Every key, for error messages and help. */
    public static String keys() {
        return Arrays.stream(values()).map(RouterOption::key).collect(Collectors.joining(", "));
    }

    /** The value in normal form ({@code 10M} → {@code 10m}); refuses what the router cannot use. */
    public String check(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        boolean ok = switch (this) {
            case BALANCING -> v.equals("least-outstanding") || v.equals("round-robin");
            case MAX_BODY_SIZE -> bytes(v).isPresent();
            case FIRST_BYTE_TIMEOUT -> duration(v).isPresent();
            case REDIRECT_TO_HTTPS, SESSION_AFFINITY -> v.equals("true") || v.equals("false");
        };
        if (!ok) {
            String shown = value == null ? "" : value.length() > 40 ? value.substring(0, 40) + "..." : value;
            throw new InvalidInputException("invalid " + key + " '" + shown + "': use " + accepts);
        }
        return v;
    }

    /** {@code 10m} in bytes, when it is a size from 0 to 1 TiB. */
    static Optional<Long> bytes(String value) {
        Matcher m = SIZE.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        long n = Long.parseLong(m.group(1));
        return n > MAX_SIZE >> shift ? Optional.empty() : Optional.of(n << shift);
    }

    /** {@code 2m} as a duration, when it is from 1 s to 1 h. */
    static Optional<Duration> duration(String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        return d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofHours(1)) > 0
                ? Optional.empty() : Optional.of(d);
    }
}

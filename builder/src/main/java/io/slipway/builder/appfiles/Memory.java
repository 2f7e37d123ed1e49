package io.slipway.builder.appfiles;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory sizes as users write them: {@code 512m}, {@code 1g}, {@code 256MB}; a bare number is MiB. */
public final class Memory {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,9})\\s*(?:([kmg])(?:i?b)?|(b))?");
    private static final long MIN = 6L << 20;

    private Memory() {
    }

    public static Optional<Long> parse(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(3) != null ? "b" : m.group(2) == null ? "m" : m.group(2);
        long bytes = switch (unit) {
            case "b" -> n;
            case "k" -> n << 10;
            case "g" -> n << 30;
            default -> n << 20;
        };
        return bytes < MIN ? Optional.empty() : Optional.of(bytes);
    }
}

package io.slipway.builder;

import io.slipway.builder.appfiles.Memory;
import io.slipway.core.BuildFailedException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Per-app build limits from config vars: SLIPWAY_BUILD_TIMEOUT (900, 15m, 1h) and SLIPWAY_BUILD_MEMORY (4g). */
final class BuildLimits {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*([smh]?)");

    private BuildLimits() {
    }

    static long timeoutSeconds(Map<String, String> env, long fallback) {
        String value = env.get("SLIPWAY_BUILD_TIMEOUT");
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new BuildFailedException("setup", "SLIPWAY_BUILD_TIMEOUT='" + value
                    + "' is not a duration: use seconds (900) or 15m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> n * 60;
            case "h" -> n * 3600;
            default -> n;
        };
    }

    static long memoryBytes(Map<String, String> env, long fallback) {
        String value = env.get("SLIPWAY_BUILD_MEMORY");
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return Memory.parse(value).orElseThrow(() -> new BuildFailedException("setup",
                "SLIPWAY_BUILD_MEMORY='" + value + "' is not a size like 2g or 4096m"));
    }
}

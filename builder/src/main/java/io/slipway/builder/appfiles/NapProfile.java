package io.slipway.builder.appfiles;

import java.nio.charset.StandardCharsets;

/**
 * nap's {@code profile}: {@code memory: 256m}, {@code scale: 2}, {@code command: ...} lines.
 * Read by hand, not as YAML, because a command may contain {@code ": "}, which YAML refuses.
 */
record NapProfile(long memoryBytes, int scale, String command) {

    static final String FILE = "profile";

    static NapProfile parse(byte[] bytes) {
        long memory = -1;
        int scale = -1;
        String command = "";
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\\r?\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int number = i + 1;
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw AppFileError.at(FILE, number, "expected 'key: value' (keys: memory, scale, command)");
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "memory" -> memory = Memory.parse(value).orElseThrow(() ->
                        AppFileError.at(FILE, number, "memory '" + value + "' is not a size like 256m or 1g"));
                case "scale" -> {
                    if (!value.matches("\\d{1,4}")) {
                        throw AppFileError.at(FILE, number, "scale '" + value + "' must be a whole number >= 0");
                    }
                    scale = Integer.parseInt(value);
                }
                case "command" -> {
                    if (value.isEmpty()) {
                        throw AppFileError.at(FILE, number, "command is empty");
                    }
                    command = value;
                }
                default -> throw AppFileError.at(FILE, number, "unknown key '" + key + "' (keys: memory, scale, command)");
            }
        }
        return new NapProfile(memory, scale, command);
    }
}

package io.slipway.builder.appfiles;

import io.slipway.core.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Procfile: {@code type: command} per line. Parsed by hand because the format is a line
 * grammar (not YAML: a command may hold any character, including {@code : } and quotes).
 * Commands are kept verbatim: they run through bash, which already reads a trailing
 * {@code  # comment} as a comment and keeps a quoted {@code "#"}.
 */
public record Procfile(Map<String, String> processes) {

    private static final Pattern LINE = Pattern.compile("^([A-Za-z0-9_-]+)\\s*:\\s*(.*)$");
    private static final int MAX_TYPE_LENGTH = 63;

    public Procfile {
        processes = Map.copyOf(processes);
    }

    public static Procfile parse(String text) {
        Map<String, String> processes = new LinkedHashMap<>();
        String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\\r?\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int number = i + 1;
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new InvalidInputException("Procfile line " + number + ": expected 'TYPE: command', got '"
                        + abbreviate(line) + "' (TYPE is letters, digits, '_' or '-')");
            }
            String type = m.group(1);
            String command = m.group(2).strip();
            if (type.length() > MAX_TYPE_LENGTH) {
                throw new InvalidInputException("Procfile line " + number + ": process type '" + abbreviate(type)
                        + "' is longer than " + MAX_TYPE_LENGTH + " characters");
            }
            if (command.isEmpty() || command.startsWith("#")) {
                throw new InvalidInputException("Procfile line " + number + ": process type '" + type
                        + "' has no command");
            }
            if (processes.putIfAbsent(type, command) != null) {
                throw new InvalidInputException("Procfile line " + number + ": process type '" + type
                        + "' is defined twice; keep one line per type");
            }
        }
        return new Procfile(processes);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}

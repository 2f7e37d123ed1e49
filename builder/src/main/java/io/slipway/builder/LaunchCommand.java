package io.slipway.builder;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A launch.toml process as one shell command line, each word quoted where the shell needs it. */
final class LaunchCommand {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private LaunchCommand() {
    }

    static String of(JsonNode process) {
        List<String> words = new ArrayList<>();
        JsonNode command = process.path("command");
        if (command.isArray()) {
            command.forEach(w -> words.add(w.asText()));
        } else if (command.isTextual()) {
            words.add(command.asText());
        }
        process.path("args").forEach(w -> words.add(w.asText()));
        // A single-string command (API < 0.9 style) is already a shell line.
        if (command.isTextual() && !process.path("args").elements().hasNext()) {
            return command.asText();
        }
        return String.join(" ", words.stream().map(LaunchCommand::quote).toList());
    }

    static String quote(String word) {
        if (SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}

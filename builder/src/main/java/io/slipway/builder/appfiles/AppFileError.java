package io.slipway.builder.appfiles;

import io.slipway.core.BuildFailedException;

/** An app file that cannot be read: names the file, the line where known, and the reason. */
final class AppFileError {

    static final String PHASE = "app files";

    private AppFileError() {
    }

    static BuildFailedException at(String file, int line, String reason) {
        return new BuildFailedException(PHASE, file + (line > 0 ? " line " + line : "") + ": " + reason);
    }

    /**
     * The line a parser failed on. SnakeYAML names the offending line first in its message
     * ("line 4, column 1"), while Jackson's location is the last good token.
     */
    static int line(com.fasterxml.jackson.core.JsonProcessingException e) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+), column").matcher(
                String.valueOf(e.getOriginalMessage()));
        if (m.find()) {
            return Integer.parseInt(m.group(1));
        }
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    /** Parser messages span lines; the first says what is wrong. */
    static String firstLine(String message) {
        return message == null ? "cannot be parsed" : message.lines().findFirst().orElse(message).strip();
    }

    static BuildFailedException in(String file, String reason) {
        return at(file, 0, reason);
    }
}

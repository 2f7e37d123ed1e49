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
     * The line a parser failed on, in a document of {@code lines} lines. SnakeYAML names where
     * the construct began and then where it noticed the problem ("line 4, column 1"); the latter
     * is the one to show unless it lies past the end of the document. Jackson's own location is
     * the last good token, so it is only the fallback.
     */
    static int line(com.fasterxml.jackson.core.JsonProcessingException e, int lines) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+), column").matcher(
                String.valueOf(e.getOriginalMessage()));
        java.util.List<Integer> marks = new java.util.ArrayList<>();
        while (m.find()) {
            marks.add(Integer.parseInt(m.group(1)));
        }
        for (int i = marks.size() - 1; i >= 0; i--) {
            if (marks.get(i) <= lines) {
                return marks.get(i);
            }
        }
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    static int lineCount(byte[] bytes) {
        return (int) new String(bytes, java.nio.charset.StandardCharsets.UTF_8).lines().count();
    }

    /** Parser messages span lines; the first says what is wrong. */
    static String firstLine(String message) {
        return message == null ? "cannot be parsed" : message.lines().findFirst().orElse(message).strip();
    }

    /** {@code bytes} parsed by {@code mapper}; a parse error fails the push naming the file, line and reason. */
    static com.fasterxml.jackson.databind.JsonNode read(com.fasterxml.jackson.databind.ObjectMapper mapper, String file,
                                                       byte[] bytes) {
        try {
            return mapper.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw at(file, line(e, lineCount(bytes)), firstLine(e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw in(file, e.getMessage());
        }
    }

    static BuildFailedException in(String file, String reason) {
        return at(file, 0, reason);
    }
}

package io.slipway.builder.appfiles;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Files that Dokku read once and Slipway does not (CHECKS, DOKKU_SCALE), and git submodules,
 * which a push does not carry: the push note says what to use instead, filled in from the file.
 */
final class DokkuFiles {

    static final String CHECKS = "CHECKS";
    static final String SCALE = "DOKKU_SCALE";
    static final String SUBMODULES = ".gitmodules";

    private DokkuFiles() {
    }

    /** CHECKS: {@code PATH [EXPECTED CONTENT]} lines, {@code WAIT=}, {@code TIMEOUT=}, {@code ATTEMPTS=}. */
    static String checksNote(byte[] bytes) {
        List<String> checks = new ArrayList<>();
        for (String line : lines(bytes)) {
            if (line.contains("=") && !line.startsWith("/") && !line.startsWith("http")) {
                continue; // WAIT=5 and the like
            }
            String[] parts = line.split("\\s+", 2);
            String path = parts[0].replaceFirst("^https?://[^/]*", "");
            checks.add("{\"type\": \"startup\", \"path\": \"" + ForeignFiles.json(path.isEmpty() ? "/" : path) + "\""
                    + (parts.length > 1 ? ", \"content\": \"" + ForeignFiles.json(parts[1]) + "\"" : "") + "}");
        }
        return CHECKS + " (Dokku's older deploy checks) is not read: give them as app.json healthchecks"
                + (checks.isEmpty() ? "" : " (\"healthchecks\": {\"web\": [" + String.join(", ", checks) + "]})")
                + "; until then a new release is live once it listens on $PORT";
    }

    /** DOKKU_SCALE: {@code TYPE=N} lines. */
    static String scaleNote(byte[] bytes) {
        List<String> formation = new ArrayList<>();
        for (String line : lines(bytes)) {
            String[] parts = line.split("=", 2);
            if (parts.length == 2 && parts[0].strip().matches("[A-Za-z0-9_-]+") && parts[1].strip().matches("\\d+")) {
                formation.add("\"" + parts[0].strip() + "\": {\"quantity\": " + parts[1].strip() + "}");
            }
        }
        return SCALE + " (Dokku's older scale file) is not read: give the counts as app.json formation"
                + (formation.isEmpty() ? "" : " (\"formation\": {" + String.join(", ", formation) + "})")
                + ", or set them with ps:scale";
    }

    static final String SUBMODULES_NOTE = SUBMODULES + ": the app's git submodules are not part of the push, and the"
            + " build sees only the pushed commit: commit their files into the app's repository (git subtree add, or"
            + " a copy), or fetch them in a build step";

    private static List<String> lines(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}

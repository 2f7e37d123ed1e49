package io.slipway.builder.appfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Scalingo's scalingo.json (its app.json) and cron.json, which are not read: the push note says
 * how to get the same here, with cron.json's jobs rewritten for app.json's {@code cron}.
 */
final class ScalingoFiles {

    static final String APP = "scalingo.json";
    static final String CRON = "cron.json";
    private static final JsonMapper JSON = new JsonMapper();

    private ScalingoFiles() {
    }

    static final String APP_NOTE = APP + " (Scalingo's app.json) is not read: rename it app.json, with add-on plans"
            + " named as here (postgres, redis, mysql) and scripts.first-deploy as scripts.postdeploy";

    /** Null when the file is not Scalingo's (no {@code jobs} list). */
    static String cronNote(byte[] bytes) {
        JsonNode root = ForeignFiles.readLeniently(JSON, bytes);
        if (root == null || !root.path("jobs").isArray()) {
            return null;
        }
        List<String> jobs = new ArrayList<>();
        for (JsonNode job : root.path("jobs")) {
            String[] words = job.path("command").asText("").trim().split("\\s+");
            int fields = words.length > 0 && words[0].startsWith("@") ? 1 : 5;
            if (words.length > fields) {
                String schedule = String.join(" ", List.of(words).subList(0, fields));
                String command = String.join(" ", List.of(words).subList(fields, words.length));
                jobs.add("{\"command\": \"" + ForeignFiles.json(command) + "\", \"schedule\": \""
                        + ForeignFiles.json(schedule) + "\"}");
            }
        }
        return CRON + " (Scalingo's) is not read: put its jobs in app.json's cron"
                + (jobs.isEmpty() ? "" : " (\"cron\": [" + String.join(", ", jobs) + "])");
    }
}

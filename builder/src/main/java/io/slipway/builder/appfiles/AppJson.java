package io.slipway.builder.appfiles;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.slipway.core.AppManifest.CronJob;
import io.slipway.core.AppManifest.Formation;
import io.slipway.core.AppManifest.HealthCheck;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** app.json as Heroku and Dokku read it: formation, healthchecks, scripts, cron, env, buildpacks, addons. */
record AppJson(Map<String, Formation> formation, Map<String, List<HealthCheck>> healthchecks, List<CronJob> cron,
               String predeploy, String postdeploy, Map<String, EnvDefault> env, List<String> buildpacks,
               AppJsonAddons addons, String firstDeploy) {

    static final String FILE = "app.json";
    /** JSON with comments (// and block comments), as Dokku reads app.json. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
    static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Set<String> POLICIES = Set.of("allow", "forbid", "replace");

    /** An app.json {@code env} entry: a value, or a generated secret, and whether it is required. */
    record EnvDefault(String value, boolean generateSecret, boolean required) {
    }

    static AppJson parse(byte[] bytes) {
        JsonNode root = AppFileError.read(JSON, FILE, bytes);
        if (root == null || !root.isObject()) {
            throw AppFileError.in(FILE, "must be a JSON object ({...})");
        }
        return new AppJson(formation(root.path("formation")), healthchecks(root.path("healthchecks")),
                cron(root.path("cron")), predeploy(root.path("scripts")),
                script(root.path("scripts").path("dokku"), "postdeploy"), env(root.path("env")),
                buildpacks(root.path("buildpacks")), AppJsonAddons.parse(root.path("addons")),
                script(root.path("scripts"), "postdeploy"));
    }

    private static Map<String, Formation> formation(JsonNode node) {
        Map<String, Formation> formation = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = objectFields(node, "formation"); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = "formation." + e.getKey();
            JsonNode q = e.getValue().path("quantity");
            int quantity = Formation.UNSET;
            if (!q.isMissingNode()) {
                if (!q.canConvertToInt() || !q.isIntegralNumber() || q.asInt() < 0) {
                    throw AppFileError.in(FILE, where + ".quantity must be a whole number >= 0");
                }
                quantity = q.asInt();
            }
            long memory = Formation.UNSET;
            JsonNode size = e.getValue().path("memory");
            if (!size.isMissingNode()) {
                memory = Memory.parse(size.asText()).orElseThrow(() ->
                        AppFileError.in(FILE, where + ".memory '" + size.asText() + "' is not a size like 512m or 1g"));
            }
            formation.put(e.getKey(), new Formation(quantity, memory));
        }
        return formation;
    }

    private static Map<String, List<HealthCheck>> healthchecks(JsonNode node) {
        Map<String, List<HealthCheck>> checks = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = objectFields(node, "healthchecks"); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray()) {
                throw AppFileError.in(FILE, "healthchecks." + e.getKey() + " must be a list of checks");
            }
            List<HealthCheck> list = new ArrayList<>();
            int i = 0;
            for (JsonNode c : e.getValue()) {
                String where = "healthchecks." + e.getKey() + "[" + i++ + "]";
                String type = c.path("type").asText("startup");
                if (!Set.of("startup", "liveness", "readiness").contains(type)) {
                    throw AppFileError.in(FILE, where + ".type '" + type + "' must be startup, liveness or readiness");
                }
                List<String> command = new ArrayList<>();
                if (c.path("command").isTextual()) {
                    command.addAll(List.of("/bin/sh", "-c", c.path("command").asText()));
                } else {
                    c.path("command").forEach(w -> command.add(w.asText()));
                }
                String scheme = c.path("scheme").asText("http").toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw AppFileError.in(FILE, where + ".scheme '" + scheme + "' must be http or https");
                }
                String path = c.path("path").asText("");
                if (!path.isEmpty() && !path.matches("/[\\x21-\\x7e]*")) {
                    throw AppFileError.in(FILE, where + ".path '" + path.replaceAll("\\p{Cntrl}", "?")
                            + "' must start with / and hold no spaces or control characters (encode them: %20)");
                }
                list.add(new HealthCheck(type, c.path("name").asText(type + " check"), path,
                        positive(c, "port", 0, where), positive(c, "attempts", 3, where),
                        positive(c, "timeout", 5, where), positive(c, "wait", 5, where),
                        positive(c, "initialDelay", 0, where), c.path("content").asText(""), command,
                        positive(c, "uptime", 0, where), c.path("listening").asBoolean(false),
                        httpHeaders(c.path("httpHeaders"), where), scheme, c.path("warn").asBoolean(false)));
            }
            checks.put(e.getKey(), list);
        }
        return checks;
    }

    /** Dokku's {@code httpHeaders}: {@code [{"name": "Host", "value": "example.com"}]}. */
    private static Map<String, String> httpHeaders(JsonNode node, String where) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return headers;
        }
        if (!node.isArray()) {
            throw AppFileError.in(FILE, where + ".httpHeaders must be a list of {\"name\": ..., \"value\": ...}");
        }
        for (JsonNode header : node) {
            String name = header.path("name").asText("");
            String value = header.path("value").asText("");
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || value.contains("\r") || value.contains("\n")) {
                throw AppFileError.in(FILE, where + ".httpHeaders: '" + name + "' is not a header name with a"
                        + " one-line value");
            }
            headers.put(name, value);
        }
        return headers;
    }

    private static int positive(JsonNode check, String field, int fallback, String where) {
        JsonNode value = check.path(field);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asInt() < 0) {
            throw AppFileError.in(FILE, where + "." + field + " must be a whole number >= 0");
        }
        return value.asInt();
    }

    private static List<CronJob> cron(JsonNode node) {
        if (node.isMissingNode()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw AppFileError.in(FILE, "cron must be a list of {\"command\": ..., \"schedule\": ...}");
        }
        List<CronJob> jobs = new ArrayList<>();
        int i = 0;
        for (JsonNode job : node) {
            String where = "cron[" + i++ + "]";
            String command = job.path("command").asText("");
            String schedule = expandNickname(job.path("schedule").asText("").strip());
            String policy = job.path("concurrency_policy").asText("allow");
            if (command.isBlank()) {
                throw AppFileError.in(FILE, where + ".command is missing");
            }
            try {
                CRON.parse(schedule).validate();
            } catch (IllegalArgumentException e) {
                throw AppFileError.in(FILE, where + ".schedule '" + schedule + "' is not a cron expression like '*/5 * * * *': "
                        + e.getMessage());
            }
            if (!POLICIES.contains(policy)) {
                throw AppFileError.in(FILE, where + ".concurrency_policy '" + policy + "' must be allow, forbid or replace");
            }
            jobs.add(new CronJob(command, schedule, policy));
        }
        return jobs;
    }

    /** Cron's nicknames ({@code @daily}, Dokku's own example) as the five fields they stand for. */
    static String expandNickname(String schedule) {
        return switch (schedule.toLowerCase(Locale.ROOT)) {
            case "@yearly", "@annually" -> "0 0 1 1 *";
            case "@monthly" -> "0 0 1 * *";
            case "@weekly" -> "0 0 * * 0";
            case "@daily", "@midnight" -> "0 0 * * *";
            case "@hourly" -> "0 * * * *";
            default -> schedule;
        };
    }

    /** Dokku's {@code scripts.dokku.predeploy}, else a top-level {@code scripts.predeploy}. */
    private static String predeploy(JsonNode scripts) {
        String dokku = script(scripts.path("dokku"), "predeploy");
        return dokku.isEmpty() ? script(scripts, "predeploy") : dokku;
    }

    /**
     * A deploy script: Dokku's {@code scripts.dokku.predeploy}/{@code postdeploy} run at every
     * deploy; Heroku's {@code scripts.postdeploy} (a command, or {@code {"command": ...}}) runs
     * once, after the app's first deploy, as when Heroku sets an app up from app.json.
     */
    private static String script(JsonNode scripts, String name) {
        JsonNode script = scripts.path(name);
        if (script.isObject()) {
            script = script.path("command");
        }
        if (script.isMissingNode() || script.isNull()) {
            return "";
        }
        if (!script.isTextual()) {
            throw AppFileError.in(FILE, "scripts " + name + " must be a command string or {\"command\": \"...\"}");
        }
        return script.asText();
    }

    private static Map<String, EnvDefault> env(JsonNode node) {
        Map<String, EnvDefault> env = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = objectFields(node, "env"); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw AppFileError.in(FILE, "env name '" + e.getKey() + "' is not a valid variable name");
            }
            JsonNode v = e.getValue();
            if (v.isNull()) {
                env.put(e.getKey(), new EnvDefault("", false, false));
            } else if (v.isValueNode()) {
                env.put(e.getKey(), new EnvDefault(v.asText(), false, false));
            } else {
                env.put(e.getKey(), new EnvDefault(v.path("value").asText(""),
                        "secret".equals(v.path("generator").asText()), v.path("required").asBoolean(true)
                        && v.path("value").isMissingNode()));
            }
        }
        return env;
    }

    private static List<String> buildpacks(JsonNode node) {
        List<String> urls = new ArrayList<>();
        if (node.isMissingNode()) {
            return urls;
        }
        if (!node.isArray()) {
            throw AppFileError.in(FILE, "buildpacks must be a list of {\"url\": ...}");
        }
        for (JsonNode b : node) {
            String url = b.isTextual() ? b.asText() : b.path("url").asText("");
            if (url.isBlank()) {
                throw AppFileError.in(FILE, "each buildpacks entry needs a url");
            }
            urls.add(url);
        }
        return urls;
    }

    private static Iterator<Map.Entry<String, JsonNode>> objectFields(JsonNode node, String name) {
        if (node.isMissingNode() || node.isNull()) {
            return java.util.Collections.emptyIterator();
        }
        if (!node.isObject()) {
            throw AppFileError.in(FILE, name + " must be an object");
        }
        return node.fields();
    }
}

package io.slipway.builder.appfiles;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.AddonPlan;
import io.slipway.core.Addons;
import io.slipway.core.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * app.json's {@code addons}, as Heroku reads it: a list of plan names ({@code "heroku-postgresql"},
 * {@code "heroku-redis:mini"}) or objects {@code {"plan": ..., "as": "NAME", "options": {...}}}.
 * Slipway's own options are {@code backup_schedule} (five-field cron, UTC) and {@code backup_keep};
 * other options (a Heroku plan's {@code version}, say) are noted and ignored.
 *
 * @param plans the add-ons asked for, in order
 * @param notes what was ignored, for the push log
 */
record AppJsonAddons(List<AddonPlan> plans, List<String> notes) {

    static final AppJsonAddons NONE = new AppJsonAddons(List.of(), List.of());
    private static final Set<String> OPTIONS = Set.of("backup_schedule", "backup_keep");
    /** Names of services this platform provides, or near them: an unknown plan with one is a typo. */
    private static final Pattern PROVIDED_LOOKALIKE =
            Pattern.compile("postgr|pg|redis|mysql|maria|memcach|jaws|cleardb|sql|kv");
    private static final String SHAPE = "a plan name like \"heroku-postgresql\" or {\"plan\": \"heroku-postgresql\", "
            + "\"as\": \"NAME\", \"options\": {\"backup_schedule\": \"0 3 * * *\", \"backup_keep\": 7}}";

    AppJsonAddons {
        plans = List.copyOf(plans);
        notes = List.copyOf(notes);
    }

    static AppJsonAddons parse(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return NONE;
        }
        if (!node.isArray()) {
            throw AppFileError.in(AppJson.FILE, "addons must be a list, each entry " + SHAPE);
        }
        List<AddonPlan> plans = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < node.size(); i++) {
            String where = "addons[" + i + "]";
            AddonPlan plan = entry(node.get(i), where, notes);
            if (plan == null) {
                continue;
            }
            String name = plan.name().isEmpty() ? plan.service() : plan.name();
            String earlier = names.putIfAbsent(name, where);
            if (earlier != null) {
                throw AppFileError.in(AppJson.FILE, earlier + " and " + where + " ('" + plan.plan() + "') both make an "
                        + "add-on named '" + name + "'; give one of them \"as\": \"OTHER_NAME\"");
            }
            plans.add(plan);
        }
        return new AppJsonAddons(plans, notes);
    }

    /** The entry's plan; null for a service this platform does not provide (noted). */
    private static AddonPlan entry(JsonNode entry, String where, List<String> notes) {
        if (entry.isTextual()) {
            return plan(entry.asText(), where, notes);
        }
        if (!entry.isObject()) {
            throw AppFileError.in(AppJson.FILE, where + " must be " + SHAPE);
        }
        JsonNode planNode = entry.path("plan");
        if (!planNode.isTextual() || planNode.asText().isBlank()) {
            throw AppFileError.in(AppJson.FILE, where + ".plan is missing: give " + SHAPE);
        }
        AddonPlan plan = plan(planNode.asText(), where, notes);
        if (plan == null) {
            return null;
        }
        JsonNode as = entry.path("as");
        if (!as.isMissingNode() && !as.isNull()) {
            if (!as.isTextual()) {
                throw AppFileError.in(AppJson.FILE, where + ".as must be a name like \"ANALYTICS_DB\"");
            }
            try {
                plan = plan.named(Addons.Name.of(as.asText()).value());
            } catch (InvalidInputException e) {
                throw AppFileError.in(AppJson.FILE, where + ".as: " + e.getMessage());
            }
        }
        return options(plan, entry.path("options"), where, notes);
    }

    /**
     * A plan by name. Heroku's other add-ons (scheduler, papertrail, sendgrid) are skipped with a
     * note, as the app's own files list them for Heroku: the app deploys without their config
     * vars. A name no add-on could have is refused, and so is one that looks like a service this
     * platform provides ({@code postgress}, {@code heroku-postgres}): a typo must not deploy the app
     * without its database.
     */
    private static AddonPlan plan(String text, String where, List<String> notes) {
        Optional<AddonPlan> plan = AddonPlan.of(text);
        if (plan.isPresent()) {
            return plan.get();
        }
        String provided = "this platform provides " + String.join(", ", AddonPlan.names())
                + " (with any :tier, e.g. heroku-postgresql:essential-0)";
        if (!text.matches("[a-z0-9][a-z0-9-]*(:[A-Za-z0-9._-]+)?")) {
            throw AppFileError.in(AppJson.FILE, where + ": '" + shown(text) + "' is not an add-on plan name; " + provided);
        }
        String name = text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
        if (PROVIDED_LOOKALIKE.matcher(name).find()) {
            throw AppFileError.in(AppJson.FILE, where + ": unknown add-on plan '" + shown(text) + "'; " + provided);
        }
        notes.add("app.json " + where + " asks for add-on '" + text + "', which this platform does not provide: skipped,"
                + " so the app runs without its config vars; " + provided);
        return null;
    }

    private static AddonPlan options(AddonPlan plan, JsonNode options, String where, List<String> notes) {
        if (options.isMissingNode() || options.isNull()) {
            return plan;
        }
        if (!options.isObject()) {
            throw AppFileError.in(AppJson.FILE, where + ".options must be an object, e.g. {\"backup_schedule\": \"0 3 * * *\"}");
        }
        options.fieldNames().forEachRemaining(option -> {
            if (!OPTIONS.contains(option)) {
                notes.add("app.json " + where + ".options." + shown(option) + " is not used here and is ignored"
                        + " (add-on options: backup_schedule, backup_keep)");
            }
        });
        JsonNode schedule = options.path("backup_schedule");
        JsonNode keep = options.path("backup_keep");
        if (schedule.isMissingNode() || schedule.isNull()) {
            if (!keep.isMissingNode()) {
                throw AppFileError.in(AppJson.FILE, where + ".options.backup_keep needs a backup_schedule, e.g. \"0 3 * * *\"");
            }
            return plan;
        }
        String cron = schedule.isTextual() ? schedule.asText().strip() : "";
        try {
            AppJson.CRON.parse(cron).validate();
        } catch (IllegalArgumentException e) {
            throw AppFileError.in(AppJson.FILE, where + ".options.backup_schedule '" + shown(schedule.asText())
                    + "' is not a five-field cron schedule like \"0 3 * * *\" (03:00 UTC daily): " + e.getMessage());
        }
        int kept = AddonPlan.DEFAULT_KEEP;
        if (!keep.isMissingNode()) {
            if (!keep.isIntegralNumber() || !keep.canConvertToInt() || keep.asInt() < 1 || keep.asInt() > AddonPlan.MAX_KEEP) {
                throw AppFileError.in(AppJson.FILE, where + ".options.backup_keep must be a whole number from 1 to "
                        + AddonPlan.MAX_KEEP);
            }
            kept = keep.asInt();
        }
        if (plan.service().equals("memcached")) {
            throw AppFileError.in(AppJson.FILE, where + " ('" + plan.plan() + "') is a memcached cache, which keeps no "
                    + "data to back up: remove its backup_schedule");
        }
        return plan.withBackups(cron, kept);
    }

    private static String shown(String text) {
        String cut = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}

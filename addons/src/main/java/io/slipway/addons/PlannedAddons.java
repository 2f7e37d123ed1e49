package io.slipway.addons;

import io.slipway.core.AddonPlan;
import io.slipway.core.Addons.Addon;
import io.slipway.core.Addons.Name;
import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import io.slipway.core.PushLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The add-ons app.json asks for, made real on a push: those the app lacks are created, those it
 * has (its own of the same name, or another app's attached to it giving the same vars) are left
 * as they are. All plans are checked first, so a bad one stops the push before any is created.
 */
final class PlannedAddons {

    /** Creates one add-on whose config vars wait for the release being deployed. */
    interface Creator {
        Addon create(AppName app, Service service, Optional<Name> as, String schedule, int keep, PushLog out);
    }

    /** One plan, checked: what to create, or nothing when the app has it. */
    private record Step(AddonPlan plan, Service service, Optional<Name> as, String prefix) {
    }

    private final AddonStore store;
    private final Attachments attachments;
    private final Creator creator;

    PlannedAddons(AddonStore store, Attachments attachments, Creator creator) {
        this.store = store;
        this.attachments = attachments;
        this.creator = creator;
    }

    List<Addon> provision(AppName app, List<AddonPlan> plans, PushLog out) {
        List<Step> missing = new ArrayList<>();
        Map<String, AddonPlan> prefixes = new HashMap<>();
        for (AddonPlan plan : plans) {
            Step step = check(plan);
            if (!had(app, step, out)) {
                AddonPlan other = prefixes.putIfAbsent(step.prefix(), plan);
                if (other != null) {
                    throw refused(plan, "it gives " + step.prefix() + "_URL, as '" + other.plan() + "' does; give one of "
                            + "them \"as\": \"OTHER_NAME\"");
                }
                missing.add(step);
            }
        }
        List<Addon> created = new ArrayList<>();
        for (Step step : missing) {
            created.add(creator.create(app, step.service(), step.as(), step.plan().backupSchedule(),
                    step.plan().backupKeep(), out));
        }
        return created;
    }

    private static Step check(AddonPlan plan) {
        try {
            Service service = Service.of(plan.service());
            Optional<Name> as = plan.name().isEmpty() ? Optional.empty() : Optional.of(Name.of(plan.name()));
            if (!plan.backupSchedule().isEmpty()) {
                BackupSchedules.parse(plan.backupSchedule());
                BackupSchedules.checkKeep(plan.backupKeep());
                if (!service.backsUp()) {
                    throw new InvalidInputException(service + " keeps no persistent data to back up");
                }
            }
            return new Step(plan, service, as, as.map(Name::varPrefix).orElse(service.defaultPrefix()));
        } catch (InvalidInputException e) {
            throw refused(plan, e.getMessage());
        }
    }

    /** True when the app has this add-on already; says so, and why it is left alone. */
    private boolean had(AppName app, Step step, PushLog out) {
        Name name = step.as().orElseGet(() -> new Name(step.service().id()));
        AddonRef ref = new AddonRef(app, name);
        Optional<AddonRecord> own = store.find(ref);
        if (own.isPresent()) {
            AddonRecord a = own.get();
            if (a.service() != step.service()) {
                throw refused(step.plan(), "it makes an add-on named '" + name + "', but " + app + "'s add-on " + name
                        + " is a " + a.service() + "; give the entry \"as\": \"OTHER_NAME\"");
            }
            String schedule = step.plan().backupSchedule();
            if (!schedule.isEmpty() && (!schedule.equals(a.backupSchedule()) || step.plan().backupKeep() != a.backupKeep())) {
                out.info("add-on " + name + " exists, so its backup schedule is left as it is ("
                        + (a.backupSchedule().isEmpty() ? "none" : "\"" + a.backupSchedule() + "\"")
                        + "); change it with addons:backup-schedule " + app + " " + name + " \"" + schedule + "\" --keep "
                        + step.plan().backupKeep());
            }
            return true;
        }
        for (AttachmentRecord t : store.attachmentsTo(app)) {
            if (t.prefix().equals(step.prefix())) {
                out.info(app + " gets " + step.prefix() + "_URL from add-on " + t.addon() + " already; app.json's '"
                        + step.plan().plan() + "' is left alone");
                return true;
            }
        }
        try {
            attachments.checkFree(app, ref, step.prefix());
        } catch (InvalidInputException e) {
            throw refused(step.plan(), e.getMessage());
        }
        return false;
    }

    private static InvalidInputException refused(AddonPlan plan, String reason) {
        return new InvalidInputException("app.json addons entry '" + plan.plan() + "': " + reason);
    }
}

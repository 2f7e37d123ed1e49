package io.slipway.addons;

import io.slipway.core.AppConfigurator;
import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import io.slipway.core.Logs;
import io.slipway.core.PushLog;
import io.slipway.core.Release;
import io.slipway.core.SlipwayException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which apps see which add-on. Attaching stores the attachment first, so the redeploy that sets
 * the config vars starts instances already on the add-on's network; detaching removes it first,
 * so the redeploy that unsets them starts instances off it. A redeploy that fails puts the
 * attachment back as it was: the app's config is rolled back with it.
 */
final class Attachments {

    private final AddonStore store;
    private final AddonContainers containers;
    private final AppConfigurator configurator;
    private final Logs logs;

    Attachments(AddonStore store, AddonContainers containers, AppConfigurator configurator, Logs logs) {
        this.store = store;
        this.containers = containers;
        this.configurator = configurator;
        this.logs = logs;
    }

    /** Refuses when the app already gets these config vars, or this host name, from another add-on. */
    void checkFree(AppName app, AddonRef ref, String prefix) {
        for (AttachmentRecord t : store.attachmentsTo(app)) {
            if (t.prefix().equals(prefix)) {
                throw new InvalidInputException("app " + app + " already gets " + prefix + "_URL from add-on " + t.addon()
                        + "; give this one another name with --as NAME, or detach that one first");
            }
            if (t.addon().alias().equals(ref.alias()) && !t.addon().equals(ref)) {
                throw new InvalidInputException("app " + app + " already reaches add-on " + t.addon() + " as " + ref.alias()
                        + "; give this one another name with --as NAME");
            }
        }
    }

    /** Sets the add-on's config vars on {@code app} and redeploys it. */
    void setVars(AppName app, AddonRecord a, String prefix, PushLog out) {
        setVars(app, a, prefix, true, out);
    }

    /** With {@code redeploy} false the vars wait for the app's next release (the one a push is deploying). */
    void setVars(AppName app, AddonRecord a, String prefix, boolean redeploy, PushLog out) {
        Map<String, String> vars = a.service().vars(prefix, a.ref().alias(), a.credentials());
        out.info("setting " + String.join(", ", vars.keySet()) + " on " + app);
        apply(app, vars, Set.of(), redeploy, out);
    }

    void attach(AddonRecord a, AppName to, PushLog out) {
        AddonRef ref = a.ref();
        List<AttachmentRecord> current = store.attachmentsOf(ref);
        if (current.stream().anyMatch(t -> t.app().equals(to))) {
            throw new InvalidInputException("add-on " + ref.name() + " of " + ref.app() + " is attached to " + to + " already");
        }
        String prefix = current.stream().filter(t -> t.app().equals(ref.app())).map(AttachmentRecord::prefix).findFirst()
                .orElse(ref.name().value().equals(a.service().id()) ? a.service().defaultPrefix() : ref.name().varPrefix());
        checkFree(to, ref, prefix);
        out.step("Attaching add-on " + ref.name() + " of " + ref.app() + " to " + to);
        AttachmentRecord attachment = new AttachmentRecord(ref, to, prefix, Instant.now());
        store.insertAttachment(attachment);
        try {
            setVars(to, a, prefix, out);
        } catch (RuntimeException e) {
            store.deleteAttachment(ref, to);
            throw e;
        }
        logs.event(to, "add-on " + ref + " attached (" + String.join(", ", a.service().varNames(prefix)) + ")");
        if (!to.equals(ref.app())) {
            logs.event(ref.app(), "add-on " + ref.name() + " attached to " + to);
        }
    }

    /** With {@code redeploy} false the app's config is left alone (the app itself is going away). */
    void detach(AddonRecord a, AppName from, boolean redeploy, PushLog out) {
        AddonRef ref = a.ref();
        List<AttachmentRecord> current = store.attachmentsOf(ref);
        AttachmentRecord attachment = current.stream().filter(t -> t.app().equals(from)).findFirst().orElseThrow(() ->
                new InvalidInputException("add-on " + ref.name() + " of " + ref.app() + " is not attached to " + from
                        + (current.isEmpty() ? "; it is attached to no app"
                        : "; it is attached to " + String.join(", ", current.stream().map(t -> t.app().value()).toList()))));
        List<String> vars = a.service().varNames(attachment.prefix());
        out.step("Detaching add-on " + ref.name() + " of " + ref.app() + " from " + from);
        store.deleteAttachment(ref, from);
        if (redeploy) {
            out.info("unsetting " + String.join(", ", vars) + " on " + from);
            try {
                apply(from, Map.of(), Set.copyOf(vars), true, out);
            } catch (RuntimeException e) {
                store.insertAttachment(attachment);
                throw e;
            }
        }
        containers.disconnectApp(ref.network(), from);
        if (redeploy) {
            logs.event(from, "add-on " + ref + " detached (" + String.join(", ", vars) + " unset)");
        }
    }

    private void apply(AppName app, Map<String, String> set, Set<String> unset, boolean redeploy, PushLog out) {
        Optional<Release> release;
        try {
            release = configurator.apply(app, set, unset, redeploy, out);
        } catch (SlipwayException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException("interrupted while redeploying " + app, e);
        } catch (Exception e) {
            throw new SlipwayException("redeploying " + app + " with its new config failed: " + e.getMessage(), e);
        }
        if (release.isEmpty() && redeploy) {
            out.info(app + " has no deployed release yet; its first deploy gets the new config");
        }
    }
}

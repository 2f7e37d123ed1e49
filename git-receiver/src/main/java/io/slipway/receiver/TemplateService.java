package io.slipway.receiver;

import io.slipway.core.AppManifest;
import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import io.slipway.core.PushLog;
import io.slipway.core.Release;
import io.slipway.core.RouterOption;
import io.slipway.core.RouterOptions;
import io.slipway.core.access.Access;
import io.slipway.core.access.AccessDeniedException;
import io.slipway.core.access.Right;
import io.slipway.core.event.EventBus;
import io.slipway.core.event.ReleaseDeployed;
import io.slipway.core.event.RouterOptionsChanged;
import io.slipway.core.store.Apps;
import io.slipway.core.store.ConfigVars;
import io.slipway.core.store.Formations;
import io.slipway.core.store.Releases;
import io.slipway.core.store.RouterOptionStore;
import io.slipway.core.store.Templates;
import io.slipway.core.store.Users;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SaaS and PaaS from one source (ECAE): a deployed app published as a template; SaaS apps that
 * run its image with their own config and no repository; {@code apps:upgrade}, which forks the
 * template's repository at the exact commit a SaaS app runs; PaaS forks; and nap's similar apps.
 */
public final class TemplateService {

    /** Add-ons of a source app given to a new app: fresh (template), copied or attached (fork). */
    @FunctionalInterface
    public interface AddonCopier {
        AddonCopier NONE = (source, target, mode, log) -> { };

        /** {@code mode}: fresh, copy, attach or none. */
        void copy(AppName source, AppName target, String mode, PushLog log) throws Exception;
    }

    private final Apps apps;
    private final Releases releases;
    private final Templates templates;
    private final ConfigVars config;
    private final Formations formations;
    private final Repositories repositories;
    private final AppLifecycle lifecycle;
    private final DeployPipeline pipeline;
    private final Access access;
    private final AddonCopier addons;
    private final RouterOptionStore routerOptions;
    private final EventBus events;

    public TemplateService(Apps apps, Releases releases, Templates templates, ConfigVars config, Formations formations,
                           Repositories repositories, AppLifecycle lifecycle, DeployPipeline pipeline, Access access,
                           AddonCopier addons, RouterOptionStore routerOptions, EventBus events) {
        this.apps = apps;
        this.releases = releases;
        this.templates = templates;
        this.config = config;
        this.formations = formations;
        this.repositories = repositories;
        this.lifecycle = lifecycle;
        this.pipeline = pipeline;
        this.access = access;
        this.addons = addons;
        this.routerOptions = routerOptions;
        this.events = events;
        events.subscribe(ReleaseDeployed.class, e -> follow(e.release()));
    }

    /** Publishes the source app's current release as a template (admins; agents for their customers' apps). */
    public Templates.Template publish(Users.User user, AppName source, String name, String description) {
        Apps.App app = access.require(user, source, Right.OWN);
        if (user.role() == Users.Role.USER) {
            throw new AccessDeniedException("user " + user.name() + " may not publish templates: that needs the admin"
                    + " role, or the agent role for an agent's own customers");
        }
        if (app.saas() || !repositories.exists(source)) {
            throw new InvalidInputException("a template needs an app with its own repository; " + source
                    + " has none (push code to it, or apps:upgrade it)");
        }
        Release current = releases.current(source).orElseThrow(() ->
                new InvalidInputException("app " + source + " has no deployed release to publish; push it first"));
        String templateName = Templates.checkName(name == null ? source.value() : name);
        if (templates.find(templateName).isPresent()) {
            throw new InvalidInputException("a template named " + templateName + " exists; choose another --name");
        }
        templates.publish(templateName, source, description == null ? "" : description, current.version(), user.name());
        return templates.find(templateName).orElseThrow();
    }

    public void unpublish(Users.User user, String name) {
        Templates.Template template = find(name);
        access.require(user, template.app(), Right.OWN);
        templates.unpublish(name);
    }

    public List<Templates.Template> list() {
        return templates.list();
    }

    /** A SaaS app: the template's image with its own config, add-ons and formation, and no build. */
    public Release createSaas(Users.User owner, AppName app, String templateName, PushLog log) throws Exception {
        Templates.Template template = find(templateName);
        Release source = sourceRelease(template);
        lifecycle.create(app, owner);
        try {
            apps.setOrigin(app, template.name(), template.version(), "saas");
            addons.copy(template.app(), app, "fresh", log);
            return pipeline.deployImage(app, source.image(), source.commit(), source.manifest(), config.all(app),
                    "Created from template " + template.name() + " v" + template.version(), log);
        } catch (Exception | Error e) {
            lifecycle.destroy(app);
            throw e;
        }
    }

    /** Moves a SaaS app to its template's latest version. */
    public Release update(AppName app, PushLog log) throws Exception {
        Apps.App found = apps.find(app).orElseThrow();
        if (!found.saas()) {
            throw new InvalidInputException("app " + app + " is not a SaaS app; update it by pushing to it");
        }
        Templates.Template template = find(found.template());
        if (template.version() == found.templateVersion()) {
            throw new InvalidInputException(app + " already runs " + template.name() + " v" + template.version());
        }
        Release source = sourceRelease(template);
        Release release = pipeline.deployImage(app, source.image(), source.commit(), source.manifest(), config.all(app),
                "Updated to template " + template.name() + " v" + template.version(), log);
        apps.setOrigin(app, template.name(), template.version(), "saas");
        return release;
    }

    /**
     * SaaS → PaaS: the app's repository becomes a fork of the template's, at the exact commit
     * the app runs ({@code master}), with the template's latest on a {@code template} branch.
     */
    public String upgrade(AppName app) {
        Apps.App found = apps.find(app).orElseThrow();
        if (!found.saas()) {
            throw new InvalidInputException("app " + app + " has a repository already; push to it");
        }
        Templates.Template template = find(found.template());
        Release running = releases.current(app).orElseThrow(() ->
                new InvalidInputException("app " + app + " has no deployed release to upgrade from"));
        Map<String, String> refs = new LinkedHashMap<>();
        refs.put("refs/heads/master", running.commit());
        refs.put("refs/heads/template", sourceRelease(template).commit());
        repositories.fork(template.app(), app, refs);
        apps.setOrigin(app, template.name(), found.templateVersion(), "paas");
        return running.commit();
    }

    /**
     * A PaaS fork of {@code source}: repository (history shared), config, formation and add-ons,
     * deployed from the source's current image. With {@code command}, a similar app whose
     * {@code type} process runs that command instead.
     */
    public Release fork(Users.User user, AppName source, AppName target, String addonMode, String type, String command,
                        PushLog log) throws Exception {
        Apps.App src = access.require(user, source, Right.OWN);
        Release current = releases.current(source).orElseThrow(() ->
                new InvalidInputException("app " + source + " has no deployed release to fork"));
        AppManifest manifest = current.manifest();
        if (command != null) {
            if (!type.equals("web") && !manifest.processes().containsKey(type)) {
                throw new InvalidInputException("unknown process type '" + type + "'; " + source + " has: "
                        + String.join(", ", manifest.processes().keySet()));
            }
            manifest = manifest.withProcess(type, command);
        }
        lifecycle.create(target, user);
        try {
            if (repositories.exists(source)) {
                repositories.fork(source, target, repositories.branches(source));
            }
            apps.setOrigin(target, src.template(), src.templateVersion(), src.saas() ? "saas" : "paas");
            config.replace(target, config.all(source));
            Map<String, Integer> scaled = formations.scaled(source);
            if (!scaled.isEmpty()) {
                formations.scale(target, scaled);
            }
            copyRouterOptions(source, target);
            addons.copy(source, target, addonMode, log);
            return pipeline.deployImage(target, current.image(), current.commit(), manifest, config.all(target),
                    "Forked from " + source + " " + current.label(), log);
        } catch (Exception | Error e) {
            lifecycle.destroy(target);
            throw e;
        }
    }

    /** The source's router settings (balancing, limits, HTTPS redirect), in force before the fork answers. */
    private void copyRouterOptions(AppName source, AppName target) {
        RouterOptions chosen = routerOptions.of(source);
        if (chosen.chosen().isEmpty()) {
            return;
        }
        RouterOptions copied = chosen;
        for (Map.Entry<RouterOption, String> option : chosen.chosen().entrySet()) {
            copied = routerOptions.set(target, option.getKey(), option.getValue());
        }
        events.publish(new RouterOptionsChanged(target, copied));
    }

    /** {@code SRC_N} with the next free N, for nap's group of similar apps. */
    public AppName nextSimilar(AppName source) {
        String base = source.value().replaceFirst("_[0-9]+$", "");
        for (int n = 1; n < 10_000; n++) {
            AppName candidate = AppName.of(base + "_" + n);
            if (apps.find(candidate).isEmpty()) {
                return candidate;
            }
        }
        throw new InvalidInputException("no free similar-app name is left for " + base);
    }

    /** A source app deployed: its templates advance, and their upgraded forks' template branch follows. */
    private void follow(Release release) {
        for (Templates.Template template : templates.ofSource(release.app())) {
            templates.advance(template.name(), release.version());
            for (Apps.App app : apps.fromTemplate(template.name())) {
                if (!app.saas() && repositories.exists(app.name())) {
                    repositories.setRef(app.name(), "refs/heads/template", release.commit());
                }
            }
        }
    }

    private Templates.Template find(String name) {
        return templates.find(name).orElseThrow(() -> new InvalidInputException("no template named " + name
                + "; run 'templates'"));
    }

    private Release sourceRelease(Templates.Template template) {
        return releases.find(template.app(), template.releaseVersion()).orElseThrow(() ->
                new InvalidInputException("template " + template.name() + " lost its release; republish it"));
    }
}

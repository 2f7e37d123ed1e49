package io.slipway.receiver.cli;

import io.slipway.core.AppName;
import io.slipway.core.Release;
import io.slipway.core.access.Right;
import io.slipway.core.store.Apps;
import io.slipway.core.store.Users;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** apps:list, apps:create, apps:info, apps:destroy. */
final class AppsCommands {

    private AppsCommands() {
    }

    @Command(name = "apps:list", aliases = "apps", description = "List the apps you may see.")
    static final class List_ implements Callable<Integer> {
        private final Context context;
        @Mixin
        Output output;

        List_(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            var apps = context.services().access().visible(context.user());
            output.print(context.caller(), apps.stream().map(a -> Map.of("name", a.name().value(), "owner", a.owner(),
                    "created_at", a.createdAt().toString())).toList(), apps.stream().map(a -> a.name().value()).toList());
            return 0;
        }
    }

    @Command(name = "apps:create", description = "Create an app (pushing to a new app creates it too).")
    static final class Create implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The new app's name (a DNS label).")
        String appName;
        @Option(names = "--owner", paramLabel = "USER", description = "Create it for this user (admins and agents).")
        String owner;
        @Option(names = "--template", paramLabel = "T", description = "A SaaS app: run template T's image, no build.")
        String template;

        Create(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            AppName app = AppName.of(appName);
            Users.User user = context.user();
            if (owner != null) {
                user = context.services().access().requireManages(user, owner);
            }
            if (template != null) {
                var release = context.services().templates().createSaas(user, app, template,
                        output.progress(context.caller()));
                output.print(context.caller(), Map.of("name", app.value(), "owner", user.name(), "template", template,
                        "release", release.label(), "web_url", context.services().urls().web().apply(app)),
                        List.of("Created " + app + " from template " + template + ": "
                                + context.services().urls().web().apply(app)));
                return 0;
            }
            Apps.App created = context.services().lifecycle().create(app, user);
            output.print(context.caller(), Map.of("name", app.value(), "owner", created.owner(),
                    "repository", context.services().urls().repository().apply(app),
                    "web_url", context.services().urls().web().apply(app)),
                    List.of("Created " + app + " for " + created.owner(),
                            "  git remote add paas " + context.services().urls().repository().apply(app)));
            return 0;
        }
    }

    @Command(name = "apps:info", description = "Show an app: repository, web URL, release, formation, domains, collaborators.")
    static final class Info implements Callable<Integer> {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;

        Info(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Apps.App app = context.app(appName, Right.READ);
            Services s = context.services();
            var release = s.releases().current(app.name());
            Map<String, Long> formation = new LinkedHashMap<>();
            s.scheduler().instances(app.name()).forEach(i -> formation.merge(i.type(), 1L, Long::sum));
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("name", app.name().value());
            info.put("owner", app.owner());
            info.put("repository", s.urls().repository().apply(app.name()));
            info.put("web_url", s.urls().web().apply(app.name()));
            info.put("release", release.map(Release::label).orElse(""));
            info.put("formation", formation);
            info.put("stopped", s.scheduler().stopped(app.name()));
            info.put("domains", s.domains().of(app.name()));
            var addons = s.addons().list(app.name());
            info.put("addons", addons.stream().map(a -> Map.of("app", a.app().value(), "name", a.name().value(),
                    "service", a.service(), "state", a.state())).toList());
            info.put("collaborators", s.members().of(app.name()));
            info.put("created_at", app.createdAt().toString());
            Map<String, Object> shown = new LinkedHashMap<>(info);
            shown.put("addons", addons.stream().map(a -> (a.app().equals(app.name()) ? "" : a.app() + "/") + a.name()
                    + " (" + a.service() + ", " + a.state() + ")").toList());
            List<String> text = new ArrayList<>();
            shown.forEach((k, v) -> text.add(String.format("%-14s %s", k.replace('_', ' ') + ":", v)));
            output.print(context.caller(), info, text);
            return 0;
        }
    }

    @Command(name = "apps:destroy", description = "Destroy an app: its instances, images, repository, config and logs.")
    static final class Destroy implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;
        @Option(names = "--confirm", paramLabel = "APP", description = "The app's name again.")
        String confirm;
        @Option(names = "--force", description = "Destroy without --confirm, as Dokku's apps:destroy --force.")
        boolean force;

        Destroy(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Apps.App app = context.app(appName, Right.OWN);
            // --force stands for --confirm, not against it: a --confirm naming another app still refuses.
            Context.confirm(app.name().value(), force && confirm == null ? app.name().value() : confirm, "apps:destroy");
            List<String> hosts = CertsCommands.hosts(context, app);
            context.services().lifecycle().destroy(app.name());
            CertsCommands.forget(context, app.name(), hosts);
            output.print(context.caller(), Map.of("name", app.name().value(), "destroyed", true),
                    List.of("Destroyed " + app.name()));
            return 0;
        }
    }
}

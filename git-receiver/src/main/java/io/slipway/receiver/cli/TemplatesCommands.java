package io.slipway.receiver.cli;

import io.slipway.core.AppName;
import io.slipway.core.access.Right;
import io.slipway.core.store.Apps;
import io.slipway.core.store.Templates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** templates, templates:publish, templates:unpublish; and apps:update, apps:upgrade, apps:fork. */
final class TemplatesCommands {

    private TemplatesCommands() {
    }

    static Map<String, Object> describe(Templates.Template t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("app", t.app().value());
        m.put("description", t.description());
        m.put("version", t.version());
        m.put("published_by", t.publishedBy());
        return m;
    }

    @Command(name = "templates", description = "List the templates SaaS apps can be created from.")
    static final class List_ implements Callable<Integer> {
        private final Context context;
        @Mixin
        Output output;

        List_(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            var all = context.services().templates().list();
            output.print(context.caller(), all.stream().map(TemplatesCommands::describe).toList(), all.stream()
                    .map(t -> String.format("%-20s v%-4d %s", t.name(), t.version(), t.description())).toList());
            return 0;
        }
    }

    @Command(name = "templates:publish", description = "Offer an app's current release as a template (admins; agents for their customers).")
    static final class Publish implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The source app.")
        String appName;
        @Option(names = "--name", paramLabel = "T", description = "The template's name (default: the app's).")
        String name;
        @Option(names = "--description", paramLabel = "TEXT", description = "What it is, for the templates list.")
        String description;

        Publish(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Apps.App app = context.app(appName, Right.OWN);
            var template = context.services().templates().publish(context.user(), app.name(), name, description);
            output.print(context.caller(), describe(template), List.of("Published " + template.name() + " v"
                    + template.version() + " from " + app.name() + "; create apps with apps:create APP --template "
                    + template.name()));
            return 0;
        }
    }

    @Command(name = "templates:unpublish", description = "Withdraw a template (apps made from it keep running).")
    static final class Unpublish implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "T", description = "The template.")
        String name;

        Unpublish(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            context.services().templates().unpublish(context.user(), name);
            output.print(context.caller(), Map.of("name", name, "unpublished", true), List.of("Unpublished " + name));
            return 0;
        }
    }

    @Command(name = "apps:update", description = "Move a SaaS app to its template's latest version.")
    static final class Update implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The SaaS app.")
        String appName;

        Update(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            Apps.App app = context.app(appName, Right.DEPLOY);
            var release = context.services().templates().update(app.name(), output.progress(context.caller()));
            output.print(context.caller(), Map.of("app", app.name().value(), "release", release.label()),
                    List.of("Updated " + app.name() + " (" + release.label() + ")"));
            return 0;
        }
    }

    @Command(name = "apps:upgrade", description = "Turn a SaaS app into a PaaS app: its repository becomes a fork of the template's at the commit it runs.")
    static final class Upgrade implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The SaaS app.")
        String appName;

        Upgrade(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Apps.App app = context.app(appName, Right.OWN);
            String commit = context.services().templates().upgrade(app.name());
            String repository = context.services().urls().repository().apply(app.name());
            output.print(context.caller(), Map.of("app", app.name().value(), "repository", repository, "commit", commit),
                    List.of("Upgraded " + app.name() + " to a PaaS app at " + commit.substring(0, 7),
                            "  git clone " + repository,
                            "  push to master to deploy; the template's changes are on the 'template' branch"));
            return 0;
        }
    }

    @Command(name = "apps:fork", description = "Fork an app (repository, config, formation, add-ons) and deploy it; "
            + "--command makes a similar app, --similar names it SRC_N.")
    static final class Fork implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "SRC", description = "The source app.")
        String source;
        @Parameters(index = "1", arity = "0..1", paramLabel = "DST", description = "The new app (with --similar: none).")
        String target;
        @Option(names = "--with-addons", defaultValue = "copy", paramLabel = "MODE", description = "copy (default), attach or none.")
        String addons;
        @Option(names = "--command", paramLabel = "CMD", description = "Run this command as the process instead (a similar app).")
        String command;
        @Option(names = "--type", defaultValue = "web", paramLabel = "TYPE", description = "The process --command replaces (default: web).")
        String type;
        @Option(names = "--similar", description = "Name it SRC_N with the next free N.")
        boolean similar;

        Fork(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            Apps.App src = context.app(source, Right.OWN);
            if (!List.of("copy", "attach", "none").contains(addons)) {
                throw new io.slipway.core.InvalidInputException("--with-addons " + addons + " must be copy, attach or none");
            }
            if (similar == (target != null)) {
                throw new io.slipway.core.InvalidInputException(similar ? "--similar chooses the name; give no DST"
                        : "name the new app: apps:fork SRC DST (or --similar)");
            }
            AppName dst = similar ? context.services().templates().nextSimilar(src.name()) : AppName.of(target);
            var release = context.services().templates().fork(context.user(), src.name(), dst, addons, type, command,
                    output.progress(context.caller()));
            output.print(context.caller(), Map.of("app", dst.value(), "source", src.name().value(), "release", release.label(),
                    "web_url", context.services().urls().web().apply(dst)), List.of("Forked " + src.name() + " to " + dst
                    + " (" + release.label() + ") " + context.services().urls().web().apply(dst)));
            return 0;
        }
    }
}

package io.slipway.receiver.cli;

import io.slipway.core.InvalidInputException;
import io.slipway.core.access.Right;
import io.slipway.core.event.DomainsChanged;
import io.slipway.core.store.Apps;
import io.slipway.core.store.Domains;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** domains, domains:add, domains:remove: the router serves a change at once. */
final class DomainsCommands {

    private DomainsCommands() {
    }

    @Command(name = "domains", description = "List an app's custom domains.")
    static final class List_ implements Callable<Integer> {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;

        List_(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Apps.App app = context.app(appName, Right.READ);
            List<String> domains = context.services().domains().of(app.name());
            output.print(context.caller(), domains, domains);
            return 0;
        }
    }

    @Command(name = "domains:add", description = "Serve the app at a custom domain (www.example.com or *.example.com).")
    static final class Add implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;
        @Parameters(index = "1", paramLabel = "DOMAIN", description = "The domain.")
        String domain;

        Add(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Apps.App app = context.app(appName, Right.DEPLOY);
            // The router's own rule: not the platform's APP.DOMAIN names (nor another app's certificate).
            String d = Domains.checkCustom(domain, context.services().certificates().platformDomain());
            context.services().domains().add(app.name(), d);
            publish(context, app);
            output.print(context.caller(), Map.of("app", app.name().value(), "domain", d),
                    List.of("Added " + d + " to " + app.name()));
            return 0;
        }
    }

    @Command(name = "domains:remove", description = "Stop serving the app at a custom domain.")
    static final class Remove implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;
        @Parameters(index = "1", paramLabel = "DOMAIN", description = "The domain.")
        String domain;

        Remove(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Apps.App app = context.app(appName, Right.DEPLOY);
            String d = Domains.check(domain);
            if (!context.services().domains().remove(app.name(), d)) {
                throw new InvalidInputException(app.name() + " has no domain " + d + "; run 'domains " + app.name() + "'");
            }
            publish(context, app);
            boolean certificate = !CertsCommands.forget(context, app.name(), List.of(d)).isEmpty();
            output.print(context.caller(), Map.of("app", app.name().value(), "removed", d),
                    List.of("Removed " + d + " from " + app.name() + (certificate ? ", and its HTTPS certificate" : "")));
            return 0;
        }
    }

    private static void publish(Context context, Apps.App app) {
        context.services().events().publish(new DomainsChanged(app.name(), context.services().domains().of(app.name())));
    }
}

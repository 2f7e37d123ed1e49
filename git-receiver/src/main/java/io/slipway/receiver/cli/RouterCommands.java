package io.slipway.receiver.cli;

import io.slipway.core.RouterOption;
import io.slipway.core.RouterOptions;
import io.slipway.core.access.Right;
import io.slipway.core.event.RouterOptionsChanged;
import io.slipway.core.store.Apps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** router, router:set: per-app router settings, kept in the store and applied at once (like Dokku's nginx:set). */
final class RouterCommands {

    private RouterCommands() {
    }

    @Command(name = "router", description = "Show an app's router settings (balancing, max-body-size, "
            + "first-byte-timeout, redirect-to-https, session-affinity).")
    static final class Show implements Callable<Integer> {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;

        Show(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Apps.App app = context.app(appName, Right.READ);
            RouterOptions options = context.services().routerOptions().of(app.name());
            Map<String, String> json = new LinkedHashMap<>();
            List<String> text = new ArrayList<>();
            for (RouterOption option : RouterOption.values()) {
                json.put(option.key(), options.value(option));
                text.add(String.format("%-20s %s%s", option.key(), options.value(option),
                        options.isDefault(option) ? "  (default)" : ""));
            }
            output.print(context.caller(), json, text);
            return 0;
        }
    }

    @Command(name = "router:set", description = "Set one of the app's router settings; without VALUE, back to the "
            + "default. Keys: balancing (least-outstanding, round-robin), max-body-size (10m), "
            + "first-byte-timeout (30s), redirect-to-https (true, false), session-affinity (true, false).")
    static final class Set_ implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;
        @Parameters(index = "1", paramLabel = "KEY", description = "The setting.")
        String key;
        @Parameters(index = "2", arity = "0..1", paramLabel = "VALUE", description = "Its value; none for the default.")
        String value;

        Set_(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Apps.App app = context.app(appName, Right.DEPLOY);
            RouterOption option = RouterOption.of(key);
            String checked = value == null ? "" : option.check(value);
            RouterOptions options = context.services().routerOptions().set(app.name(), option, checked);
            context.services().events().publish(new RouterOptionsChanged(app.name(), options));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("app", app.name().value());
            json.put("key", option.key());
            json.put("value", options.value(option));
            json.put("default", options.isDefault(option));
            output.print(context.caller(), json, List.of("Set " + option.key() + " of " + app.name() + " to "
                    + options.value(option) + (options.isDefault(option) ? " (the default)" : "")));
            return 0;
        }
    }
}

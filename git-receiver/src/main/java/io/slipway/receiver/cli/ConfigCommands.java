package io.slipway.receiver.cli;

import io.slipway.core.ForeignBuildSettings;
import io.slipway.core.InvalidInputException;
import io.slipway.core.Release;
import io.slipway.core.access.Right;
import io.slipway.core.store.Apps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** config, config:get, config:set, config:unset. */
final class ConfigCommands {

    static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    static final Set<String> RESERVED = Set.of("SLIPWAY_APP", "SLIPWAY_RELEASE", "SLIPWAY_INSTANCE", "DYNO");
    private static final int MAX_VALUE = 32 * 1024;

    private ConfigCommands() {
    }

    static String key(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new InvalidInputException("invalid config var name '" + (key.length() > 40 ? key.substring(0, 40) + "..." : key)
                    + "': use letters, digits and '_', not starting with a digit");
        }
        if (RESERVED.contains(key)) {
            throw new InvalidInputException(key + " is set by the platform for every instance and cannot be configured");
        }
        return key;
    }

    @Command(name = "config", description = "Show an app's config vars.")
    static final class Show implements Callable<Integer> {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;
        @Option(names = "--shell", description = "Print KEY=value lines for a shell.")
        boolean shell;

        Show(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Apps.App app = context.app(appName, Right.READ);
            Map<String, String> vars = context.services().config().all(app.name());
            output.print(context.caller(), vars, vars.entrySet().stream().map(e -> shell
                    ? e.getKey() + "='" + e.getValue().replace("'", "'\\''") + "'"
                    : String.format("%-24s %s", e.getKey() + ":", e.getValue())).toList());
            return 0;
        }
    }

    @Command(name = "config:get", description = "Print one config var's value.")
    static final class Get implements Callable<Integer> {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;
        @Parameters(index = "1", paramLabel = "KEY", description = "The var.")
        String key;

        Get(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Apps.App app = context.app(appName, Right.READ);
            String value = context.services().config().all(app.name()).get(key);
            if (value == null) {
                throw new InvalidInputException(app.name() + " has no config var " + key + "; run 'config " + app.name() + "'");
            }
            output.print(context.caller(), Map.of(key, value), List.of(value));
            return 0;
        }
    }

    @Command(name = "config:set", description = "Set config vars (KEY=value ...); the app restarts with no downtime unless --no-restart.")
    static final class Set_ implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE", description = "The vars to set.")
        List<String> assignments;
        @Option(names = "--no-restart", description = "Keep the running instances; the change applies at the next deploy.")
        boolean noRestart;
        @Option(names = "--encoded", description = "The values are base64, as Dokku's config:set --encoded takes them"
                + " (for values with spaces, quotes or newlines).")
        boolean encoded;

        Set_(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            Apps.App app = context.app(appName, Right.DEPLOY);
            Map<String, String> vars = new LinkedHashMap<>();
            for (String a : assignments) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw new InvalidInputException("'" + (a.length() > 40 ? a.substring(0, 40) + "..." : a)
                            + "' is not KEY=value; write e.g. GREETING=hello");
                }
                String value = encoded ? decoded(a.substring(0, eq), a.substring(eq + 1)) : a.substring(eq + 1);
                if (value.length() > MAX_VALUE) {
                    throw new InvalidInputException("the value of " + a.substring(0, eq) + " is longer than " + MAX_VALUE + " characters");
                }
                String key = key(a.substring(0, eq));
                if (key.equals("PORT") && !Release.portProblem(value).isEmpty()) {
                    throw new InvalidInputException(Release.portProblem(value).replace("APP", app.name().value()));
                }
                vars.put(key, value);
            }
            var release = context.services().pipeline().apply(app.name(), vars, Set.of(), !noRestart,
                    output.progress(context.caller()));
            List<String> text = new ArrayList<>(List.of("Set " + String.join(", ", vars.keySet()) + " on " + app.name()
                    + release.map(r -> " and restarted (" + r.label() + ")").orElse("")));
            List<String> built = vars.keySet().stream().filter(k -> ForeignBuildSettings.foreignOwner(k).isPresent()).toList();
            if (!built.isEmpty()) {
                // Another build system's settings: the build passes on those a bundled buildpack has a
                // name for, and its log names the others as not read.
                text.add(String.join(", ", built) + (built.size() == 1 ? " is another build system's setting"
                        : " are other build systems' settings") + ", read (if at all) when the app is built: ps:rebuild "
                        + app.name() + " builds it again now, and its log says what each one does here");
            }
            output.print(context.caller(), Map.of("app", app.name().value(), "set", vars.keySet(),
                    "release", release.map(r -> r.label()).orElse("")), text);
            return 0;
        }

        private static String decoded(String key, String value) {
            try {
                return new String(java.util.Base64.getDecoder().decode(value.replaceAll("\\s", "")),
                        java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("the value of " + key + " is not base64 (--encoded): " + e.getMessage()
                        + "; encode it with base64 -w0, or leave out --encoded");
            }
        }
    }

    @Command(name = "config:unset", description = "Remove config vars; the app restarts with no downtime unless --no-restart.")
    static final class Unset implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "The vars to remove.")
        List<String> keys;
        @Option(names = "--no-restart", description = "Keep the running instances; the change applies at the next deploy.")
        boolean noRestart;

        Unset(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            Apps.App app = context.app(appName, Right.DEPLOY);
            Set<String> unset = new LinkedHashSet<>();
            Set<String> absent = new LinkedHashSet<>();
            Map<String, String> current = context.services().config().all(app.name());
            for (String k : keys) {
                (current.containsKey(key(k)) ? unset : absent).add(k);
            }
            if (unset.isEmpty()) {
                // As on Heroku and Dokku: unsetting what is not set succeeds, so scripts can repeat it.
                output.print(context.caller(), Map.of("app", app.name().value(), "unset", unset, "release", ""),
                        List.of(String.join(", ", absent) + (absent.size() == 1 ? " is" : " are") + " not set on "
                                + app.name() + ": nothing to change"));
                return 0;
            }
            var release = context.services().pipeline().apply(app.name(), Map.of(), unset, !noRestart,
                    output.progress(context.caller()));
            output.print(context.caller(), Map.of("app", app.name().value(), "unset", unset,
                    "release", release.map(r -> r.label()).orElse("")),
                    List.of("Unset " + String.join(", ", unset) + " on " + app.name()
                            + release.map(r -> " and restarted (" + r.label() + ")").orElse("")
                            + (absent.isEmpty() ? "" : "; " + String.join(", ", absent) + " was not set")));
            return 0;
        }
    }
}

package io.slipway.receiver.cli;

import io.slipway.core.Addons;
import io.slipway.core.Addons.Addon;
import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import io.slipway.core.access.Right;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code addons APP}; also holds what the other {@code addons:*} commands share. */
@Command(name = "addons", aliases = "addons:list", description = "List an app's add-ons: its own, then those attached to it.")
final class AddonsCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    Output output;

    @Parameters(index = "0", paramLabel = "APP", description = "The app.")
    String appName;

    AddonsCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        AppName app = context.app(appName, Right.READ).name();
        List<Addon> addons = context.services().addons().list(app);
        List<String> text = new ArrayList<>();
        if (addons.isEmpty()) {
            text.add(app + " has no add-ons; create one with addons:create " + app + " SERVICE (one of: "
                    + String.join(", ", context.services().addons().services()) + ")");
        } else {
            text.add(String.format("%-22s %-10s %-28s %-10s %s", "NAME", "SERVICE", "VERSION", "STATE", "VARS"));
        }
        for (Addon a : addons) {
            String owner = a.app().equals(app) ? a.name().value() : a.app() + "/" + a.name();
            String version = a.version().replaceFirst(" \\(.*", "");
            text.add(String.format("%-22s %-10s %-28s %-10s %s", owner, a.service(), version, a.state(),
                    String.join(", ", vars(a, app))));
        }
        output.print(context.caller(), addons.stream().map(AddonsCommand::json).toList(), text);
        return 0;
    }

    /** The config vars {@code app} sees the add-on through. */
    static List<String> vars(Addon a, AppName app) {
        return a.attachments().stream().filter(t -> t.app().equals(app)).findFirst().map(Addons.Attachment::vars)
                .orElse(List.of());
    }

    static Map<String, Object> json(Addon a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", a.app().value());
        m.put("name", a.name().value());
        m.put("service", a.service());
        m.put("version", a.version());
        m.put("state", a.state());
        m.put("created_at", a.createdAt().toString());
        m.put("url", a.url());
        m.put("host", a.host());
        m.put("volume", a.volume());
        m.put("network", a.network());
        m.put("exposed", a.exposedPort() > 0 ? "127.0.0.1:" + a.exposedPort() : "");
        m.put("backup_schedule", a.backupSchedule());
        m.put("backup_keep", a.backupKeep());
        m.put("attachments", a.attachments().stream().map(t -> Map.of("app", t.app().value(), "vars", t.vars())).toList());
        return m;
    }

    static List<String> text(Addon a) {
        List<String> lines = new ArrayList<>();
        lines.add("=== " + a.app() + "/" + a.name());
        line(lines, "service", a.service());
        line(lines, "version", a.version());
        line(lines, "state", a.state());
        line(lines, "created", a.createdAt().toString());
        line(lines, "url", a.url());
        line(lines, "volume", a.volume());
        line(lines, "network", a.network() + " (reachable only from the attached apps)");
        line(lines, "exposed", a.exposedPort() > 0 ? "127.0.0.1:" + a.exposedPort() : "no");
        line(lines, "backups", a.backupSchedule().isEmpty() ? "on demand (addons:backup)"
                : "\"" + a.backupSchedule() + "\" UTC, keeping " + a.backupKeep());
        line(lines, "attached to", String.join("; ", a.attachments().stream()
                .map(t -> t.app() + " (" + String.join(", ", t.vars()) + ")").toList()));
        return lines;
    }

    private static void line(List<String> lines, String key, String value) {
        lines.add(String.format("%-12s %s", key + ":", value.isEmpty() ? "-" : value));
    }


    /** Destroying data names the app twice: {@code --confirm APP}. */
    static void confirm(AppName app, String confirmation, String commandLine) {
        if (!app.value().equals(confirmation)) {
            throw new InvalidInputException("this cannot be undone; to go on, run it again with --confirm " + app
                    + " (" + commandLine + " --confirm " + app + ")");
        }
    }
}

package io.slipway.receiver.cli;

import io.slipway.core.AppName;
import io.slipway.core.access.Right;
import io.slipway.core.Release;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "releases", description = "List an app's releases, newest first; the one serving is marked current.")
final class ReleasesCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    Output output;

    @Parameters(index = "0", paramLabel = "APP", description = "The app.")
    String appName;

    ReleasesCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        AppName app = context.app(appName, Right.READ).name();
        List<Release> releases = context.services().releases().list(app);
        // The one serving is the newest deployed release (a rollback is a new release, as on Heroku).
        int current = releases.stream().filter(r -> r.status() == Release.Status.DEPLOYED)
                .mapToInt(Release::version).findFirst().orElse(0);
        List<Map<String, Object>> json = releases.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", r.version());
            m.put("status", r.status().name().toLowerCase());
            m.put("description", r.description());
            m.put("image", r.image());
            m.put("commit", r.commit());
            m.put("created_at", r.createdAt().toString());
            m.put("current", r.version() == current);
            return m;
        }).toList();
        output.print(context.caller(), json, releases.stream().map(r -> String.format("%-5s %-9s %s  %s%s", r.label(),
                r.status().name().toLowerCase(), r.createdAt(), r.description(),
                r.version() == current ? "  (current)" : "")).toList());
        return 0;
    }
}

package io.slipway.receiver.cli;

import io.slipway.core.AppName;
import io.slipway.core.access.Right;
import io.slipway.core.Scheduler.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "ps", description = "Show an app's instances: state, uptime, restarts, release.")
final class PsCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    Output output;

    @Parameters(index = "0", paramLabel = "APP", description = "The app.")
    String appName;

    PsCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        AppName app = context.app(appName, Right.READ).name();
        List<Instance> instances = context.services().scheduler().instances(app);
        List<Map<String, Object>> json = new ArrayList<>();
        List<String> text = new ArrayList<>();
        if (instances.isEmpty() && context.services().scheduler().stopped(app)) {
            text.add(app + " is stopped (ps:stop): ps:start " + app + " starts it.");
        } else if (instances.isEmpty()) {
            text.add("No instances of " + app + " are running.");
        } else {
            text.add(String.format("%-14s %-26s %-10s %-8s %s", "INSTANCE", "STATE", "FOR", "RESTARTS", "RELEASE"));
        }
        for (Instance i : instances) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", i.name());
            m.put("type", i.type());
            m.put("number", i.number());
            m.put("state", i.state());
            m.put("since", i.since().toString());
            m.put("restarts", i.restarts());
            m.put("release", i.release());
            json.add(m);
            text.add(String.format("%-14s %-26s %-10s %-8d %s", i.name(), i.state(), age(i.since()), i.restarts(), i.release()));
        }
        output.print(context.caller(), json, text);
        return 0;
    }

    static String age(Instant since) {
        Duration d = Duration.between(since, Instant.now());
        if (d.toDays() > 0) {
            return d.toDays() + "d" + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h" + d.toMinutesPart() + "m";
        }
        return d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s" : d.toSeconds() + "s";
    }
}

package io.slipway.receiver.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "apps:list", aliases = "apps", description = "List the apps on this platform.")
final class AppsListCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    Output output;

    AppsListCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        var apps = context.services().apps().list();
        output.print(context.caller(), apps.stream().map(a -> Map.of("name", a.name().value(), "owner", a.owner(),
                "created_at", a.createdAt().toString())).toList(), apps.stream().map(a -> a.name().value()).toList());
        return 0;
    }
}

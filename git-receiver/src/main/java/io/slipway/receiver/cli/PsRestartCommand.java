package io.slipway.receiver.cli;

import io.slipway.core.AppName;
import io.slipway.core.Release;
import io.slipway.core.access.Right;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "ps:restart", description = "Restart an app's instances one at a time, with no downtime.")
final class PsRestartCommand implements Callable<Integer>, Mutating {

    private final Context context;

    @Mixin
    Output output;

    @Parameters(index = "0", paramLabel = "APP", description = "The app.")
    String appName;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TYPE", description = "Only this process type.")
    String type;

    PsRestartCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        AppName app = context.app(appName, Right.DEPLOY).name();
        context.current(app);
        // As with Dokku, a restart picks up config set with --no-restart: that takes a new release,
        // which replaces every process with no downtime.
        Optional<Release> applied = context.services().pipeline().applyPendingConfig(app,
                output.progress(context.caller()));
        if (applied.isPresent()) {
            output.print(context.caller(), Map.of("app", app.value(), "restarted", "all", "release", applied.get().label()),
                    List.of("Restarted every process of " + app + " with its current config (" + applied.get().label() + ")"));
            return 0;
        }
        context.services().scheduler().restart(app, type == null ? "" : type,
                output.progress(context.caller()));
        output.print(context.caller(), Map.of("app", app.value(), "restarted", type == null ? "all" : type),
                List.of("Restarted " + (type == null ? "every process of " : type + " of ") + app));
        return 0;
    }
}

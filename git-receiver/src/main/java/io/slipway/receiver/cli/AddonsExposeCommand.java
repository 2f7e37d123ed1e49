package io.slipway.receiver.cli;

import io.slipway.core.Addons;
import io.slipway.core.Addons.Addon;
import io.slipway.core.AppName;
import io.slipway.core.access.Right;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "addons:expose", description = "Publish an add-on's port on 127.0.0.1 of the platform's host (never "
        + "on other interfaces), e.g. for an SSH tunnel; its server restarts.")
final class AddonsExposeCommand implements Callable<Integer>, Mutating {

    private final Context context;

    @Mixin
    Output output;

    @Parameters(index = "0", paramLabel = "APP", description = "The app that owns the add-on.")
    String appName;

    @Parameters(index = "1", paramLabel = "NAME", description = "The add-on.")
    String name;

    @Option(names = "--port", paramLabel = "PORT", description = "The host port (1024-65535); a free one by default.")
    int port;

    AddonsExposeCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Addons.Name addon = Addons.Name.of(name);
        AppName app = context.app(appName, Right.DEPLOY).name();
        Addon a = context.services().addons().expose(app, addon, port, output.progress(context.caller()));
        output.print(context.caller(), AddonsCommand.json(a),
                List.of("Add-on " + app + "/" + addon + " is exposed on 127.0.0.1:" + a.exposedPort()));
        return 0;
    }
}

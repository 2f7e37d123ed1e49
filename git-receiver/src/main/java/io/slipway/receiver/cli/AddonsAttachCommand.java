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

@Command(name = "addons:attach", description = "Share an add-on with another app: it gets the add-on's config vars "
        + "and network, and is redeployed.")
final class AddonsAttachCommand implements Callable<Integer>, Mutating {

    private final Context context;

    @Mixin
    Output output;

    @Parameters(index = "0", paramLabel = "APP", description = "The app that owns the add-on.")
    String appName;

    @Parameters(index = "1", paramLabel = "NAME", description = "The add-on.")
    String name;

    @Option(names = "--to", required = true, paramLabel = "OTHER", description = "The app to attach it to.")
    String to;

    AddonsAttachCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Addons.Name addon = Addons.Name.of(name);
        AppName other = context.app(to, Right.DEPLOY).name();
        AppName app = context.app(appName, Right.DEPLOY).name();
        Addon a = context.services().addons().attach(app, addon, other, output.progress(context.caller()));
        output.print(context.caller(), AddonsCommand.json(a), List.of("Attached add-on " + app + "/" + addon + " to "
                + other + ": " + String.join(", ", AddonsCommand.vars(a, other)) + " set"));
        return 0;
    }
}

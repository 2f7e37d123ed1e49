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

@Command(name = "addons:detach", description = "Take an add-on away from an app: its config vars are unset, it "
        + "leaves the add-on's network and is redeployed. The add-on and its data stay.")
final class AddonsDetachCommand implements Callable<Integer>, Mutating {

    private final Context context;

    @Mixin
    Output output;

    @Parameters(index = "0", paramLabel = "APP", description = "The app that owns the add-on.")
    String appName;

    @Parameters(index = "1", paramLabel = "NAME", description = "The add-on.")
    String name;

    @Option(names = "--from", required = true, paramLabel = "OTHER", description = "The app to detach it from (APP itself too).")
    String from;

    AddonsDetachCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Addons.Name addon = Addons.Name.of(name);
        AppName other = context.app(from, Right.DEPLOY).name();
        AppName app = context.app(appName, Right.DEPLOY).name();
        Addon a = context.services().addons().detach(app, addon, other, output.progress(context.caller()));
        output.print(context.caller(), AddonsCommand.json(a), List.of("Detached add-on " + app + "/" + addon + " from " + other));
        return 0;
    }
}

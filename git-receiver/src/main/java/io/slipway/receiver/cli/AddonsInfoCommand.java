package io.slipway.receiver.cli;

import io.slipway.core.Addons;
import io.slipway.core.Addons.Addon;
import io.slipway.core.AppName;
import io.slipway.core.access.Right;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "addons:info", description = "Show an add-on: service, version, state, URL (password masked), "
        + "volume, network, attached apps, backup schedule.")
final class AddonsInfoCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    Output output;

    @Parameters(index = "0", paramLabel = "APP", description = "The app that owns the add-on.")
    String appName;

    @Parameters(index = "1", paramLabel = "NAME", description = "The add-on.")
    String name;

    AddonsInfoCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Addons.Name addon = Addons.Name.of(name);
        AppName app = context.app(appName, Right.READ).name();
        Addon a = context.services().addons().info(app, addon);
        output.print(context.caller(), AddonsCommand.json(a), AddonsCommand.text(a));
        return 0;
    }
}

package io.slipway.receiver.cli;

import io.slipway.core.Addons;
import io.slipway.core.AppName;
import io.slipway.core.access.Right;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "addons:destroy", description = "Destroy an add-on and its data volume: every attached app loses its "
        + "config vars and is redeployed. Backups are kept. Needs --confirm APP.")
final class AddonsDestroyCommand implements Callable<Integer>, Mutating {

    private final Context context;

    @Mixin
    Output output;

    @Parameters(index = "0", paramLabel = "APP", description = "The app that owns the add-on.")
    String appName;

    @Parameters(index = "1", paramLabel = "NAME", description = "The add-on.")
    String name;

    @Option(names = "--confirm", paramLabel = "APP", description = "The app's name again.")
    String confirm;

    AddonsDestroyCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Addons.Name addon = Addons.Name.of(name);
        AppName app = context.app(appName, Right.OWN).name();
        Addons addons = context.services().addons();
        addons.info(app, addon);
        AddonsCommand.confirm(app, confirm, "addons:destroy " + app + " " + addon);
        addons.destroy(app, addon, output.progress(context.caller()));
        output.print(context.caller(), Map.of("app", app.value(), "name", addon.value(), "destroyed", true),
                List.of("Destroyed add-on " + addon + " of " + app + " and its data volume"));
        return 0;
    }
}

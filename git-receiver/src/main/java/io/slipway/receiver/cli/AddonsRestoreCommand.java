package io.slipway.receiver.cli;

import io.slipway.core.Addons;
import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import io.slipway.core.access.Right;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "addons:restore", description = "Replace an add-on's data with a backup's (see addons:backups). "
        + "Needs --confirm APP.")
final class AddonsRestoreCommand implements Callable<Integer>, Mutating {

    private final Context context;

    @Mixin
    Output output;

    @Parameters(index = "0", paramLabel = "APP", description = "The app that owns the add-on.")
    String appName;

    @Parameters(index = "1", paramLabel = "NAME", description = "The add-on.")
    String name;

    @Parameters(index = "2", paramLabel = "BACKUP", description = "The backup, e.g. 20260121T030000Z.dump.")
    String backup;

    @Option(names = "--confirm", paramLabel = "APP", description = "The app's name again.")
    String confirm;

    AddonsRestoreCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Addons.Name addon = Addons.Name.of(name);
        AppName app = context.app(appName, Right.DEPLOY).name();
        Addons addons = context.services().addons();
        if (addons.backups(app, addon).stream().noneMatch(b -> b.id().equals(backup))) {
            throw new InvalidInputException("add-on " + app + "/" + addon + " has no backup '" + abbreviate(backup)
                    + "'; run addons:backups " + app + " " + addon);
        }
        AddonsCommand.confirm(app, confirm, "addons:restore " + app + " " + addon + " " + backup);
        addons.restore(app, addon, backup, output.progress(context.caller()));
        output.print(context.caller(), Map.of("app", app.value(), "name", addon.value(), "restored", backup),
                List.of("Restored add-on " + app + "/" + addon + " from " + backup));
        return 0;
    }

    private static String abbreviate(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}

package io.slipway.receiver.cli;

import io.slipway.core.Addons;
import io.slipway.core.AppName;
import io.slipway.core.access.Right;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "addons:backup", description = "Back an add-on up now: a consistent dump (pg_dump, mariadb-dump "
        + "--single-transaction, a Redis RDB snapshot) kept under the platform's data dir.")
final class AddonsBackupCommand implements Callable<Integer>, Mutating {

    private final Context context;

    @Mixin
    Output output;

    @Parameters(index = "0", paramLabel = "APP", description = "The app that owns the add-on.")
    String appName;

    @Parameters(index = "1", paramLabel = "NAME", description = "The add-on.")
    String name;

    AddonsBackupCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Addons.Name addon = Addons.Name.of(name);
        AppName app = context.app(appName, Right.DEPLOY).name();
        Addons.Backup b = context.services().addons().backup(app, addon, output.progress(context.caller()));
        output.print(context.caller(), AddonsBackupsCommand.json(b),
                List.of("Backed up add-on " + app + "/" + addon + " to " + b.id() + " (" + b.sizeBytes() + " bytes)"));
        return 0;
    }
}

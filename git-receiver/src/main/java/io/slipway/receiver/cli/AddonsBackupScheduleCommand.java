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

@Command(name = "addons:backup-schedule", description = "Back an add-on up on a cron schedule (five fields, UTC), "
        + "keeping the newest N backups, e.g. addons:backup-schedule APP NAME \"0 3 * * *\" --keep 7; "
        + "\"off\" stops it.")
final class AddonsBackupScheduleCommand implements Callable<Integer>, Mutating {

    private final Context context;

    @Mixin
    Output output;

    @Parameters(index = "0", paramLabel = "APP", description = "The app that owns the add-on.")
    String appName;

    @Parameters(index = "1", paramLabel = "NAME", description = "The add-on.")
    String name;

    @Parameters(index = "2", arity = "1..*", paramLabel = "SCHEDULE",
            description = "A cron expression such as \"0 3 * * *\" (quote it), or off.")
    List<String> schedule;

    @Option(names = "--keep", paramLabel = "N", description = "How many scheduled backups to keep (default 7).")
    int keep = 7;

    AddonsBackupScheduleCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Addons.Name addon = Addons.Name.of(name);
        AppName app = context.app(appName, Right.DEPLOY).name();
        // ssh joins the client's words with spaces, so an unquoted schedule arrives as five words.
        String cron = String.join(" ", schedule).strip();
        boolean off = cron.equalsIgnoreCase("off");
        Addon a = context.services().addons().schedule(app, addon, off ? "" : cron, keep);
        output.print(context.caller(), AddonsCommand.json(a), List.of(off
                ? "Scheduled backups of " + app + "/" + addon + " stopped"
                : "Add-on " + app + "/" + addon + " backs up on \"" + a.backupSchedule() + "\" (UTC), keeping the newest "
                + a.backupKeep()));
        return 0;
    }
}

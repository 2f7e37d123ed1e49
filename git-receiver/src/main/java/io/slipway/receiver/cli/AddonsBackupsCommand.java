package io.slipway.receiver.cli;

import io.slipway.core.Addons;
import io.slipway.core.AppName;
import io.slipway.core.access.Right;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "addons:backups", description = "List an add-on's backups, newest first.")
final class AddonsBackupsCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    Output output;

    @Parameters(index = "0", paramLabel = "APP", description = "The app that owns the add-on.")
    String appName;

    @Parameters(index = "1", paramLabel = "NAME", description = "The add-on.")
    String name;

    AddonsBackupsCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Addons.Name addon = Addons.Name.of(name);
        AppName app = context.app(appName, Right.READ).name();
        List<Addons.Backup> backups = context.services().addons().backups(app, addon);
        List<String> text = new ArrayList<>();
        if (backups.isEmpty()) {
            text.add("Add-on " + app + "/" + addon + " has no backups; make one with addons:backup " + app + " " + addon);
        } else {
            text.add(String.format("%-28s %-22s %s", "BACKUP", "TAKEN", "BYTES"));
        }
        backups.forEach(b -> text.add(String.format("%-28s %-22s %d", b.id(), b.createdAt(), b.sizeBytes())));
        output.print(context.caller(), backups.stream().map(AddonsBackupsCommand::json).toList(), text);
        return 0;
    }

    static Map<String, Object> json(Addons.Backup b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("created_at", b.createdAt().toString());
        m.put("size_bytes", b.sizeBytes());
        return m;
    }
}

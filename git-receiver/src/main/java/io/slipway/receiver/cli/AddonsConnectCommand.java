package io.slipway.receiver.cli;

import io.slipway.core.Addons;
import io.slipway.core.AppName;
import io.slipway.core.Scheduler;
import io.slipway.core.access.Right;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "addons:connect", description = "Open the add-on's own client (psql, redis-cli, mariadb) on its "
        + "private network, interactive with ssh -t: addons:connect APP NAME [-- COMMAND]. With a command after --, "
        + "runs that one SQL statement or Redis command line and exits with the client's status. Without -t, "
        + "what is sent on stdin (< script.sql) is the client's input.")
final class AddonsConnectCommand implements Callable<Integer>, Mutating {

    private final Context context;

    @Parameters(index = "0", paramLabel = "APP", description = "The app that owns the add-on.")
    String appName;

    @Parameters(index = "1", paramLabel = "NAME", description = "The add-on.")
    String name;

    @Parameters(index = "2..*", arity = "0..*", paramLabel = "COMMAND", description = "One command to run instead of a session.")
    List<String> command;

    AddonsConnectCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Addons.Name addon = Addons.Name.of(name);
        AppName app = context.app(appName, Right.DEPLOY).name();
        Caller caller = context.caller();
        caller.stdout().flush();
        Optional<String> oneCommand = Optional.empty();
        if (command != null && !command.isEmpty()) {
            // As with run: ssh sends the client's words joined by spaces, so the text after " -- "
            // is the command the user meant, quotes and all.
            String raw = caller.commandLine();
            int dashes = raw.indexOf(" -- ");
            oneCommand = Optional.of(dashes >= 0 ? raw.substring(dashes + 4) : String.join(" ", command));
        }
        return context.services().addons().connect(app, addon, oneCommand,
                new Scheduler.Terminal(caller.in(), caller.out(), caller.err(), caller.tty()));
    }
}

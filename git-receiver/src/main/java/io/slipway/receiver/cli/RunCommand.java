package io.slipway.receiver.cli;

import io.slipway.core.AppName;
import io.slipway.core.Release;
import io.slipway.core.access.Right;
import io.slipway.core.Scheduler;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = "Run a one-off command in a new instance of the app: run APP [--] CMD... "
        + "(interactive with ssh -t); exits with the command's status. Everything after -- is one shell command line;"
        + " a process type's name (run APP worker) runs its command.")
final class RunCommand implements Callable<Integer>, Mutating {

    private static final java.util.regex.Pattern RUN_APP = java.util.regex.Pattern.compile("\\s*run\\s+(\\S+)\\s+(.*)",
            java.util.regex.Pattern.DOTALL);

    private final Context context;

    @Parameters(index = "0", paramLabel = "APP", description = "The app.")
    String appName;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
    List<String> command;

    RunCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        AppName app = context.app(appName, Right.DEPLOY).name();
        Caller caller = context.caller();
        caller.stdout().flush();
        // ssh sends the client's words joined by spaces, so the text after the app's name is the
        // command line the user meant, quotes and all, as Dokku's run takes it; it runs through the
        // shell. A -- right after the name is left out (a later one is the command's own: npm test
        // -- --coverage).
        String raw = caller.commandLine();
        java.util.regex.Matcher words = RUN_APP.matcher(raw);
        int dashes = raw.indexOf(" -- ");
        String shellLine = words.matches() && words.group(1).equals(appName) ? words.group(2).replaceFirst("^--(\\s+|$)", "")
                : dashes >= 0 ? raw.substring(dashes + 4) : String.join(" ", command);
        Release release = context.current(app);
        // As on Dokku, a process type's name runs its command: run APP worker.
        String typed = release.processes().getOrDefault(shellLine.strip(), "");
        if (!typed.isBlank()) {
            caller.stderr().println("Running the " + shellLine.strip() + " process: " + typed);
            shellLine = typed;
        }
        return context.services().scheduler().run(release, List.of(shellLine),
                new Scheduler.Terminal(caller.in(), caller.out(), caller.err(), caller.tty()));
    }
}

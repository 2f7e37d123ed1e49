package io.slipway.receiver.cli;

import io.slipway.core.SlipwayException;
import io.slipway.core.access.AccessDeniedException;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The commands run as {@code ssh -p PORT git@HOST COMMAND [APP] [ARGS]}, on picocli: help from
 * the definitions, suggestions for unknown commands and options, one {@code error:} line and a
 * non-zero exit status for anything refused.
 */
public final class Cli {

    private static final Logger log = LoggerFactory.getLogger(Cli.class);

    @Command(name = "ssh git@HOST", mixinStandardHelpOptions = false,
            description = "Slipway, driven over SSH: ssh -p PORT git@HOST COMMAND [APP] [ARGS]. "
                    + "Deploy with: git remote add paas ssh://git@HOST:PORT/APP.git && git push paas master",
            subcommands = {CommandLine.HelpCommand.class,
                    AppsCommands.List_.class, AppsCommands.Create.class, AppsCommands.Info.class, AppsCommands.Destroy.class,
                    ConfigCommands.Show.class, ConfigCommands.Get.class, ConfigCommands.Set_.class, ConfigCommands.Unset.class,
                    PsCommand.class, PsScaleCommand.class, PsRestartCommand.class,
                    PsLifecycleCommands.Stop.class, PsLifecycleCommands.Start.class, PsLifecycleCommands.Rebuild.class,
                    ReleasesCommand.class, RollbackCommand.class, LogsCommand.class, RunCommand.class,
                    DomainsCommands.List_.class, DomainsCommands.Add.class, DomainsCommands.Remove.class,
                    CertsCommands.List_.class, CertsCommands.Add.class, CertsCommands.Remove.class,
                    RouterCommands.Show.class, RouterCommands.Set_.class,
                    KeysCommands.List_.class, KeysCommands.Add.class, KeysCommands.Remove.class,
                    SharingCommands.List_.class, SharingCommands.Add.class, SharingCommands.Remove.class,
                    UsersCommands.List_.class, UsersCommands.Create.class, UsersCommands.Info.class,
                    UsersCommands.Destroy.class, UsersCommands.Whoami.class,
                    AgentsCommands.List_.class, AgentsCommands.Create.class, AgentsCommands.Info.class,
                    AgentsCommands.Destroy.class, AuditCommand.class,
                    TemplatesCommands.List_.class, TemplatesCommands.Publish.class, TemplatesCommands.Unpublish.class,
                    TemplatesCommands.Update.class, TemplatesCommands.Upgrade.class, TemplatesCommands.Fork.class,
                    AddonsCommand.class, AddonsServicesCommand.class, AddonsCreateCommand.class, AddonsInfoCommand.class,
                    AddonsAttachCommand.class, AddonsDetachCommand.class, AddonsDestroyCommand.class,
                    AddonsExposeCommand.class, AddonsUnexposeCommand.class, AddonsBackupCommand.class,
                    AddonsBackupsCommand.class, AddonsRestoreCommand.class, AddonsBackupScheduleCommand.class,
                    AddonsConnectCommand.class})
    static final class Root implements Runnable {

        @picocli.CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    private final Services services;

    public Cli(Services services) {
        this.services = services;
    }

    /** Runs one command line; returns its exit status. */
    public int execute(List<String> words, Caller caller) {
        Context context = new Context(caller, services);
        CommandLine line = new CommandLine(new Root(), new Factory(context));
        line.setOut(caller.stdout());
        line.setErr(caller.stderr());
        // picocli reads @FILE arguments from the daemon's disk by default: a value is only ever the caller's.
        line.setExpandAtFiles(false);
        // run APP node -v, as on Dokku and Heroku: the command's own options are not run's.
        line.getSubcommands().get("run").setUnmatchedOptionsArePositionalParams(true);
        line.setParameterExceptionHandler((e, args) -> {
            error(caller.stderr(), usageError(e, args));
            return 2;
        });
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof SlipwayException) {
                error(caller.stderr(), e.getMessage());
            } else {
                log.warn("command {} failed", words, e);
                error(caller.stderr(), "internal error (" + e + "); the operator's log has details");
            }
            Object command = cmd.getCommand();
            if (command instanceof Mutating || e instanceof AccessDeniedException) {
                audit(context, caller, (e instanceof AccessDeniedException ? "refused: " : "failed: ") + firstLine(e.getMessage()));
            }
            return 1;
        });
        line.setExecutionStrategy(parsed -> {
            int status = new CommandLine.RunLast().execute(parsed);
            Object command = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1).getCommand();
            if (status == 0 && command instanceof Mutating) {
                audit(context, caller, "ok");
            }
            return status;
        });
        return line.execute(words.toArray(String[]::new));
    }

    /**
     * What was wrong with the command line, the closest names when a command or option is
     * unknown, and where the right usage is.
     */
    static String usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine where = e.getCommandLine();
        boolean root = where.getParent() == null;
        String message = firstLine(e.getMessage());
        List<String> suggestions = List.of();
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            suggestions = u.getSuggestions();
            // Only the first word counts: after an unknown option picocli cannot tell its value from an extra word.
            String first = u.getUnmatched().get(0);
            message = u.isUnknownOption() ? "unknown option '" + first + "'"
                    : (root ? "unknown command '" : "unexpected argument '") + first + "'";
            Optional<String> instead = root && !u.isUnknownOption() ? OtherPlatforms.instead(first) : Optional.empty();
            if (instead.isPresent()) {
                return message + ": Slipway does not have it; " + instead.get() + " (see 'help')";
            }
        } else if (root && args.length >= 2 && args[0].equals("help") && !where.getSubcommands().containsKey(args[1])) {
            // picocli's help command says only that the topic is unknown; find the closest commands as for a command.
            message = "unknown command '" + args[1] + "'";
            suggestions = new CommandLine.UnmatchedArgumentException(where, List.of(args[1])).getSuggestions();
        }
        String closest = suggestions.isEmpty() ? ""
                : "; did you mean " + String.join(" or ", suggestions.stream().limit(3).toList()) + "?";
        String help = root ? "help" : "help " + where.getCommandName();
        return message + closest + " (see '" + help + "')";
    }

    private void audit(Context context, Caller caller, String outcome) {
        try {
            services.audit().record(caller.user().name(), context.auditApp(), caller.commandLine(), outcome);
        } catch (RuntimeException e) {
            log.warn("cannot write the audit log", e);
        }
    }

    private static void error(PrintWriter err, String message) {
        err.println("error: " + firstLine(message));
        err.flush();
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message;
        return text.lines().findFirst().orElse(text);
    }

    /** Gives each command its context through its constructor. */
    record Factory(Context context) implements CommandLine.IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> constructor = type.getDeclaredConstructor(Context.class);
                constructor.setAccessible(true);
                return constructor.newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}

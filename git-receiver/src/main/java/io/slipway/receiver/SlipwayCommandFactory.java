package io.slipway.receiver;

import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import io.slipway.core.SlipwayException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;

/** Maps an SSH command line to a git transport or a platform command. */
final class SlipwayCommandFactory implements CommandFactory {

    private final ExecutorService executor;
    private final KeyAuthenticator keys;
    private final GitPackCommand.Context git;
    private final PlatformCommands commands;

    SlipwayCommandFactory(ExecutorService executor, KeyAuthenticator keys, GitPackCommand.Context git,
                          PlatformCommands commands) {
        this.executor = executor;
        this.keys = keys;
        this.git = git;
        this.commands = commands;
    }

    @Override
    public Command createCommand(ChannelSession channel, String commandLine) {
        try {
            return create(commandLine);
        } catch (SlipwayException e) {
            return refusal(e.getMessage());
        }
    }

    /** A command that only says why the command line was refused, and fails. */
    private Command refusal(String message) {
        return new ThreadedCommand(executor) {
            @Override
            int run(Io io) {
                writeLine(io.err(), "error: " + message);
                return 1;
            }
        };
    }

    private Command create(String commandLine) {
        List<String> words = CommandLine.split(commandLine);
        String verb = words.isEmpty() ? "help" : words.get(0);
        if ((verb.equals("git-receive-pack") || verb.equals("git-upload-pack")) && words.size() == 2) {
            return new GitPackCommand(executor, verb.equals("git-receive-pack"), repositoryApp(words.get(1)), git);
        }
        return commands.create(executor, keys, commandLine, words);
    }

    /** {@code '/hello.git'}, {@code hello.git}, {@code ~/hello} → hello. */
    static AppName repositoryApp(String path) {
        String name = path;
        if (name.startsWith("~/")) {
            name = name.substring(2);
        }
        while (name.startsWith("/")) {
            name = name.substring(1);
        }
        if (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.endsWith(".git")) {
            name = name.substring(0, name.length() - 4);
        }
        if (name.contains("/")) {
            throw new InvalidInputException("repository path '" + path + "' is not an app: use ssh://git@HOST:PORT/APP.git");
        }
        return AppName.of(name);
    }
}

package io.slipway.receiver;

import io.slipway.core.store.Users;
import io.slipway.receiver.cli.Caller;
import io.slipway.receiver.cli.Cli;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.sshd.server.command.Command;

/** Runs the platform commands ({@code ps:scale APP web=3}, ...) for an SSH session. */
public final class PlatformCommands {

    private final Cli cli;

    public PlatformCommands(Cli cli) {
        this.cli = cli;
    }

    Command create(ExecutorService executor, KeyAuthenticator keys, String commandLine, List<String> words) {
        return new ThreadedCommand(executor) {
            @Override
            int run(Io io) {
                Users.User user = keys.user(io.session());
                return cli.execute(words, Caller.of(user, commandLine, io.in(), io.out(), io.err(), io.tty()));
            }
        };
    }
}

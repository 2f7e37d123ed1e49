package io.slipway.receiver;

import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import io.slipway.core.Release;
import io.slipway.core.store.Apps;
import io.slipway.core.store.Releases;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;

/** The commands run as {@code ssh -p PORT git@HOST COMMAND [APP] [ARGS]}. */
public final class PlatformCommands {

    private static final String HELP = String.join("\n",
            "Usage: ssh -p PORT git@HOST COMMAND [APP] [ARGS]",
            "  apps:list            the apps on this platform",
            "  releases APP         the releases of an app, newest first",
            "  help                 this text",
            "Deploy with: git remote add paas ssh://git@HOST:PORT/APP.git && git push paas master");

    private final Apps apps;
    private final Releases releases;

    public PlatformCommands(Apps apps, Releases releases) {
        this.apps = apps;
        this.releases = releases;
    }

    Command create(ExecutorService executor, List<String> words) {
        return new ThreadedCommand(executor) {
            @Override
            int run(ServerSession session, InputStream in, OutputStream out, OutputStream err) {
                return PlatformCommands.this.run(words, out);
            }
        };
    }

    private int run(List<String> words, OutputStream out) {
        String verb = words.isEmpty() ? "help" : words.get(0);
        switch (verb) {
            case "help", "--help" -> ThreadedCommand.writeLine(out, HELP);
            case "apps:list", "apps" -> apps.list().forEach(a -> ThreadedCommand.writeLine(out, a.name().value()));
            case "releases" -> {
                if (words.size() != 2) {
                    throw new InvalidInputException("usage: releases APP");
                }
                AppName app = AppName.of(words.get(1));
                if (apps.find(app).isEmpty()) {
                    throw new InvalidInputException("app " + app + " does not exist; run apps:list");
                }
                for (Release r : releases.list(app)) {
                    ThreadedCommand.writeLine(out, String.format("%-5s %-9s %s  %s", r.label(),
                            r.status().name().toLowerCase(), r.createdAt(), r.description()));
                }
            }
            default -> throw new InvalidInputException("unknown command '" + abbreviate(verb) + "'; run 'help' for the list");
        }
        return 0;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}

package io.slipway.receiver.cli;

import io.slipway.core.PushLog;
import io.slipway.core.store.Users;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * Who runs a command, the command line exactly as it arrived, and the caller's streams;
 * {@code tty} when the SSH client asked for a terminal.
 */
public record Caller(Users.User user, String commandLine, InputStream in, OutputStream out, OutputStream err,
                     boolean tty, PrintWriter stdout, PrintWriter stderr) {

    public static Caller of(Users.User user, String commandLine, InputStream in, OutputStream out, OutputStream err,
                            boolean tty) {
        return new Caller(user, commandLine, in, out, err, tty,
                new PrintWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), true),
                new PrintWriter(new java.io.OutputStreamWriter(err, java.nio.charset.StandardCharsets.UTF_8), true));
    }

    /** Progress of a long command, shown the way a push shows it. */
    PushLog progress() {
        return line -> {
            stdout.println(line);
            stdout.flush();
        };
    }
}

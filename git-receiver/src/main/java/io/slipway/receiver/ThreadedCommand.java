package io.slipway.receiver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.sshd.common.channel.ChannelOutputStream;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SSH command that runs on a worker thread and ends with an exit status. The worker is
 * interrupted when the client goes away, so long-running commands (logs --tail, run) end too.
 */
abstract class ThreadedCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(ThreadedCommand.class);

    /** The caller's side of the channel. {@code tty}: the client asked for a terminal (ssh -t). */
    record Io(ServerSession session, InputStream in, OutputStream out, OutputStream err, boolean tty) {
    }

    private final ExecutorService executor;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Future<?> worker;

    ThreadedCommand(ExecutorService executor) {
        this.executor = executor;
    }

    /** Does the work; returns the exit status. */
    abstract int run(Io io) throws Exception;

    @Override
    public void start(ChannelSession channel, Environment env) {
        Io io = new Io(channel.getServerSession(), in, out, err, CommandChannelSession.terminalRequested(channel));
        worker = executor.submit(() -> {
            int status;
            try {
                status = run(io);
            } catch (Exception e) {
                log.debug("command failed", e);
                writeLine(err, "error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                status = 1;
            }
            flush();
            exit.onExit(status);
        });
    }

    static void writeLine(OutputStream stream, String line) {
        try {
            stream.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stream.flush();
        } catch (IOException e) {
            log.debug("client went away: {}", e.getMessage());
        }
    }

    private void flush() {
        try {
            out.flush();
            err.flush();
        } catch (IOException ignored) {
            // the client is gone
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        Future<?> running = worker;
        if (running != null) {
            running.cancel(true);
        }
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
        if (out instanceof ChannelOutputStream c) {
            c.setNoDelay(true);
        }
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
        if (err instanceof ChannelOutputStream c) {
            c.setNoDelay(true);
        }
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }
}

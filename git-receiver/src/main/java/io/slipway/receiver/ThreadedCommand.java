package io.slipway.receiver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import org.apache.sshd.common.channel.ChannelOutputStream;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An SSH command that runs on a worker thread and ends with an exit status. */
abstract class ThreadedCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(ThreadedCommand.class);

    private final ExecutorService executor;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    ThreadedCommand(ExecutorService executor) {
        this.executor = executor;
    }

    /** Does the work; returns the exit status. */
    abstract int run(ServerSession session, InputStream in, OutputStream out, OutputStream err) throws Exception;

    @Override
    public void start(ChannelSession channel, Environment env) {
        ServerSession session = channel.getServerSession();
        executor.execute(() -> {
            int status;
            try {
                status = run(session, in, out, err);
            } catch (Exception e) {
                log.warn("command failed", e);
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

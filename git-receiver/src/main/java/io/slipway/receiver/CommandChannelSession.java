package io.slipway.receiver;

import java.io.IOException;
import java.util.Map;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * A session channel that reports the exit status before it says end-of-file.
 *
 * <p>Apache SSHD ends a command with EOF, then exit-status, then CLOSE. An OpenSSH client whose
 * own input is already at its end (stdin from /dev/null, or every command sent through a
 * ControlMaster connection) answers our EOF with CLOSE at once; when that CLOSE arrives before
 * the exit-status is written, SSHD discards the exit-status as written on a closing channel,
 * and the client exits with 255 ("Control master terminated unexpectedly" when multiplexed).
 * Sending the status first, as OpenSSH's sshd may, leaves no such window. SSHD sends the
 * status only once, so the one in {@code closeShell} becomes a no-op.
 *
 * <p>It also remembers whether the client asked for a terminal. A pty-req is what {@code ssh -t}
 * sends; its terminal modes can be empty, because {@code ssh -tt} with stdin from a file or a
 * pipe has no local terminal to copy them from, so the modes cannot tell.
 */
final class CommandChannelSession extends ChannelSession {

    /** Opens "session" channels as {@link CommandChannelSession}s. */
    static final ChannelFactory FACTORY = new ChannelFactory() {
        @Override
        public String getName() {
            return "session";
        }

        @Override
        public Channel createChannel(Session session) {
            return new CommandChannelSession();
        }
    };

    private volatile boolean terminal;

    /** True when the client asked for a terminal on this channel. */
    static boolean terminalRequested(ChannelSession channel) {
        return channel instanceof CommandChannelSession session && session.terminal;
    }

    @Override
    protected RequestHandler.Result handlePtyReqParsed(String term, int columns, int rows, int width, int height,
                                                       Map<PtyMode, Integer> modes) throws IOException {
        terminal = true;
        return super.handlePtyReqParsed(term, columns, rows, width, height, modes);
    }

    @Override
    protected void closeShell(int exitValue, boolean closeImmediately) throws IOException {
        if (!isClosing()) {
            if (out != null) {
                out.flush();
            }
            if (err != null) {
                err.flush();
            }
            sendExitStatus(exitValue);
        }
        super.closeShell(exitValue, closeImmediately);
    }
}

package io.slipway.receiver;

import java.io.IOException;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
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

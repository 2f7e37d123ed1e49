package io.slipway.receiver;

import java.io.IOException;
import java.util.Map;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionFactory;

/**
 * Session channels that remember whether the client asked for a terminal. A pty-req is what
 * {@code ssh -t} sends; its terminal modes can be empty, because {@code ssh -tt} with stdin
 * from a file or a pipe has no local terminal to copy them from, so the modes cannot tell.
 */
final class TerminalChannels extends ChannelSessionFactory {

    static final TerminalChannels INSTANCE = new TerminalChannels();

    /** A session channel that records its pty-req. */
    static final class TerminalChannel extends ChannelSession {

        private volatile boolean terminal;

        boolean terminal() {
            return terminal;
        }

        @Override
        protected RequestHandler.Result handlePtyReqParsed(String term, int columns, int rows, int width, int height,
                                                           Map<PtyMode, Integer> modes) throws IOException {
            terminal = true;
            return super.handlePtyReqParsed(term, columns, rows, width, height, modes);
        }
    }

    /** True when the client asked for a terminal on this channel. */
    static boolean requested(ChannelSession channel) {
        return channel instanceof TerminalChannel t && t.terminal();
    }

    @Override
    public Channel createChannel(Session session) {
        return new TerminalChannel();
    }
}

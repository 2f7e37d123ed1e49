package io.slipway.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port where a connect is refused. The port stays bound, without listening, for the
 * rest of the run: a port that was only closed can be taken by another process, or become a
 * client's own port, and a connect to it then succeeds.
 */
final class RefusedPort {

    private static final List<Socket> HELD = new ArrayList<>();

    private RefusedPort() {
    }

    static synchronized int next() {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HELD.add(socket);
        return socket.getLocalPort();
    }
}

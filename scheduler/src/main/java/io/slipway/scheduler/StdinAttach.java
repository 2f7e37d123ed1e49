package io.slipway.scheduler;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import io.slipway.core.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A caller's input streamed to a container's stdin over an attach connection of its own to the
 * engine's Unix socket, half-closed at the input's end so that the command reads EOF (the
 * container is created with {@code StdinOnce}). docker-java's attach copies stdin but never
 * half-closes, so a command that reads to the end ({@code cat}, {@code psql}, a script on
 * stdin) would wait forever.
 */
final class StdinAttach implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StdinAttach.class);
    private static final long HANDSHAKE_SECONDS = 10;
    private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("stdin-attach-timeouts"));

    private final SocketChannel channel;

    private StdinAttach(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * The engine's Unix socket, found as the daemon's Docker client finds the engine (docker-java's
     * default configuration: {@code DOCKER_HOST}, its properties, else the local socket); empty for
     * an engine reached over TCP.
     */
    static Optional<Path> engineSocket() {
        URI host = DefaultDockerClientConfig.createDefaultConfigBuilder().build().getDockerHost();
        if (!"unix".equals(host.getScheme())) {
            return Optional.empty();
        }
        Path socket = Path.of(host.getPath());
        return Files.exists(socket) ? Optional.of(socket) : Optional.empty();
    }

    /** Attaches to {@code container}'s stdin and starts copying {@code in} to it. */
    static StdinAttach open(Path socket, String container, InputStream in) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        // An engine that never answers must not hold the one-off up: the channel closes after a while.
        ScheduledFuture<?> deadline = TIMEOUTS.schedule(() -> close(channel), HANDSHAKE_SECONDS, TimeUnit.SECONDS);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            String request = "POST /containers/" + container + "/attach?stream=1&stdin=1 HTTP/1.1\r\n"
                    + "Host: docker\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n";
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            String head = readHead(channel);
            if (!head.startsWith("HTTP/1.1 101") && !head.startsWith("HTTP/1.1 200")) {
                throw new IOException("the engine refused to attach stdin: " + head.lines().findFirst().orElse("no answer"));
            }
        } catch (IOException e) {
            close(channel);
            throw e;
        } finally {
            deadline.cancel(false);
        }
        if (!channel.isOpen()) {
            throw new IOException("the engine did not answer within " + HANDSHAKE_SECONDS + " s");
        }
        StdinAttach attach = new StdinAttach(channel);
        Thread copier = new Thread(() -> attach.copy(in), "stdin-" + container.substring(0, Math.min(12, container.length())));
        copier.setDaemon(true);
        copier.start();
        return attach;
    }

    private void copy(InputStream in) {
        byte[] buffer = new byte[16 * 1024];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
            channel.shutdownOutput();
        } catch (IOException e) {
            log.debug("stdin of a one-off ended: {}", e.getMessage());
        }
    }

    /** The response head, read a byte at a time so that nothing after it is consumed. */
    private static String readHead(SocketChannel channel) throws IOException {
        StringBuilder head = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (head.length() < 8192 && !(head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n"))) {
            one.clear();
            if (channel.read(one) < 0) {
                break;
            }
            head.append((char) one.get(0));
        }
        return head.toString();
    }

    @Override
    public void close() {
        close(channel);
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing a stdin attach: {}", e.getMessage());
        }
    }
}

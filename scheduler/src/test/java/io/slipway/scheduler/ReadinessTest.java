package io.slipway.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.ContainerNetwork;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    @Test
    void aListeningInstanceIsLiveWithoutAByteSentToIt() throws Exception {
        try (ServerSocket app = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             HttpServer published = new HttpServer()) {
            Readiness.Target target = new Readiness.Target(published.port(), direct(app.getLocalPort()));

            assertThat(Readiness.listens(target, 1000)).isTrue();
            try (Socket accepted = app.accept()) {
                accepted.setSoTimeout(1000);
                assertThat(accepted.getInputStream().read()).as("nothing was sent").isEqualTo(-1);
            }
            assertThat(published.requests.get()).isZero();
        }
    }

    @Test
    void aRefusedConnectIsNotLiveEvenThoughThePublishedPortAccepts() throws Exception {
        // A port bound and not listening: the kernel refuses connects to it, and while it is held
        // no other process can listen on it, nor can a client's own port be it (a self-connect).
        try (Socket bound = new Socket(); HttpServer published = new HttpServer()) {
            bound.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertThat(Readiness.listens(new Readiness.Target(published.port(), direct(bound.getLocalPort())), 1000))
                    .isFalse();
            assertThat(published.requests.get()).isZero();
        }
    }

    @Test
    void withoutADirectAddressAnHttpAnswerOnThePublishedPortCounts() throws Exception {
        try (HttpServer published = new HttpServer()) {
            assertThat(Readiness.listens(new Readiness.Target(published.port(), null), 1000)).isTrue();
            assertThat(published.requests.get()).isEqualTo(1);
        }
    }

    @Test
    void theBridgeAddressIsPreferredAndAContainerWithoutOneHasNoDirectAddress() {
        // The host's own address stands for a bridge's gateway: what counts is that it is local.
        Map<String, ContainerNetwork> networks = new LinkedHashMap<>();
        networks.put("slipway-app-shop", network("172.20.0.5", "127.0.0.1"));
        networks.put("bridge", network("172.17.0.9", "127.0.0.1"));

        assertThat(Readiness.Target.of(32768, networks, 5000).direct())
                .isEqualTo(new InetSocketAddress("172.17.0.9", 5000));
        networks.put("bridge", network("", "127.0.0.1"));
        assertThat(Readiness.Target.of(32768, networks, 5000).direct())
                .isEqualTo(new InetSocketAddress("172.20.0.5", 5000));
        assertThat(Readiness.Target.of(32768, Map.of(), 5000).direct()).isNull();
        assertThat(Readiness.Target.of(32768, null, 5000).hostPort()).isEqualTo(32768);
    }

    @Test
    void aNetworkWhoseGatewayIsNotOnThisHostGivesNoDirectAddress() {
        // A rootless engine's bridge: its gateway is in another network namespace.
        Map<String, ContainerNetwork> networks = Map.of("bridge", network("172.17.0.9", "192.0.2.1"));

        assertThat(Readiness.Target.of(32768, networks, 5000).direct()).isNull();
    }

    private static ContainerNetwork network(String ip, String gateway) {
        return new ContainerNetwork().withIpv4Address(ip).withGateway(gateway);
    }

    private static InetSocketAddress direct(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Answers every connection with a 200 and counts the requests it read. */
    private static final class HttpServer implements AutoCloseable {

        final AtomicInteger requests = new AtomicInteger();
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Thread thread = new Thread(this::serve, "http-server");

        HttpServer() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    client.setSoTimeout(2000);
                    if (client.getInputStream().read() >= 0) {
                        requests.incrementAndGet();
                        OutputStream out = client.getOutputStream();
                        out.write("HTTP/1.0 200 OK\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException e) {
                    // closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

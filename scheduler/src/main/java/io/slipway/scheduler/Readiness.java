package io.slipway.scheduler;

import com.github.dockerjava.api.model.ContainerNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Whether a web instance listens on its port, asked without a request where possible: a request
 * the platform sends shows in the app's log, counts in its hit counters and costs it work, and
 * neither Heroku nor Dokku sends one once an instance is up. On the container's own address the
 * kernel refuses a connection while nothing listens, so a TCP connect there is the answer. A
 * connect to the published port is not: the engine's port proxy accepts it before the app
 * listens. So where the daemon cannot reach the container's address (a rootless engine), it sends
 * a request through the published port and waits for the response.
 */
final class Readiness {

    /** Where the daemon reaches a web instance: its port published on loopback, and directly (null if unknown). */
    record Target(int hostPort, InetSocketAddress direct) {

        /** The container's own address with another of its ports (null when the address is unknown). */
        InetSocketAddress direct(int port) {
            return direct == null ? null : new InetSocketAddress(direct.getAddress(), port);
        }

        /**
         * {@code networks}: the container's, from the engine; its address on the default bridge is
         * preferred, else on any network it has one. Only on a network whose gateway is an address
         * of this host: the daemon then shares the engine's network, and a refusal comes from the
         * container (a rootless engine's networks live elsewhere, and the same addresses may belong
         * to others).
         */
        static Target of(int hostPort, Map<String, ContainerNetwork> networks, int containerPort) {
            if (networks == null || containerPort <= 0) {
                return new Target(hostPort, null);
            }
            String address = address(networks.get("bridge"));
            for (ContainerNetwork network : networks.values()) {
                address = address != null ? address : address(network);
            }
            // A literal address: no name lookup.
            return new Target(hostPort, address == null ? null : new InetSocketAddress(address, containerPort));
        }

        private static String address(ContainerNetwork network) {
            String ip = network == null ? null : network.getIpAddress();
            return ip == null || ip.isEmpty() || !local(network.getGateway()) ? null : ip;
        }

        private static boolean local(String gateway) {
            try {
                return gateway != null && !gateway.isEmpty()
                        && NetworkInterface.getByInetAddress(InetAddress.getByName(gateway)) != null;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** What an HTTP probe saw: a status (0 when nothing answered) and the start of the body. */
    record Probe(int status, String body, String error) {

        boolean answered() {
            return status > 0;
        }

        boolean ok() {
            return status >= 200 && status < 400;
        }
    }

    private Readiness() {
    }

    static boolean listens(Target target, int timeoutMillis) {
        if (target.direct() != null) {
            try (Socket socket = new Socket()) {
                socket.connect(target.direct(), timeoutMillis);
                return true;
            } catch (ConnectException e) {
                return false;
            } catch (IOException e) {
                // No route to the container's network from here, or too slow to accept: ask over HTTP.
            }
        }
        return get(Containers.LOOPBACK, target.hostPort(), "/", timeoutMillis).answered();
    }

    static Probe get(String host, int port, String path, int timeoutMillis) {
        return get(host, port, path, timeoutMillis, Map.of(), false);
    }

    /**
     * {@code GET path} with {@code headers} (a {@code Host} among them replaces {@code localhost});
     * with {@code https}, over TLS that trusts any certificate, as Dokku's checks do.
     */
    static Probe get(String host, int port, String path, int timeoutMillis, Map<String, String> headers, boolean https) {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            Socket socket = https ? TrustingTls.wrap(plain, host, port) : plain;
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.0\r\n");
            if (headers.keySet().stream().noneMatch("host"::equalsIgnoreCase)) {
                request.append("Host: localhost\r\n");
            }
            if (headers.keySet().stream().noneMatch("user-agent"::equalsIgnoreCase)) {
                request.append("User-Agent: slipway-check\r\n");
            }
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            if (!response.startsWith("HTTP/")) {
                return new Probe(0, "", response.isEmpty() ? "connection closed" : "not an HTTP response");
            }
            int space = response.indexOf(' ');
            int status = Integer.parseInt(response.substring(space + 1, space + 4));
            int body = response.indexOf("\r\n\r\n");
            return new Probe(status, body < 0 ? "" : response.substring(body + 4), "");
        } catch (IOException | RuntimeException e) {
            return new Probe(0, "", e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }
}

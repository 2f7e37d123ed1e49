package io.slipway.scheduler;

import io.slipway.core.Release;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a container's processes listen, read from the host in its network namespace
 * ({@code /proc/PID/net/tcp} and {@code tcp6}): for a web instance that never listened on $PORT,
 * the message says what it did instead (a loopback address, another port).
 */
final class Listeners {

    private static final String LISTEN = "0A";
    private static final String LOOPBACK_ONLY = ", which only the container itself can reach";
    /** Docker's embedded DNS resolver, in the namespace of every container on a user-defined network. */
    private static final String DOCKER_DNS = "127.0.0.11";

    private Listeners() {
    }

    /** The listening sockets of the process {@code pid}'s network namespace; empty when they cannot be read. */
    static List<String> listening(long pid) {
        List<String> listening = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            try {
                listening.addAll(parse(Files.readAllLines(Path.of("/proc", String.valueOf(pid), "net", table))));
            } catch (IOException | RuntimeException e) {
                // Not on this host, or not ours to read: no hint.
            }
        }
        return listening;
    }

    /** Whether {@code port} is listened on at a loopback address only, which nothing outside the container reaches. */
    static boolean loopbackOnly(List<String> listening, int port) {
        return hint(listening, port).contains(LOOPBACK_ONLY);
    }

    /** What to tell the user about a process listening on {@code listening} and not on {@code port}; empty when nothing helps. */
    static String hint(List<String> listening, int port) {
        return hint(listening, port, "APP");
    }

    /** As {@link #hint(List, int)}, with the config:set that gives {@code app}'s own port to the platform. */
    static String hint(List<String> listening, int port, String app) {
        if (listening.isEmpty() || listening.stream().anyMatch(a -> a.equals("0.0.0.0:" + port) || a.equals("[::]:" + port))) {
            return "";
        }
        String loopback = listening.stream().filter(a -> a.endsWith(":" + port)).filter(Listeners::loopback)
                .findFirst().orElse(null);
        if (loopback != null) {
            return "; it listens on " + loopback + LOOPBACK_ONLY + ": listen on 0.0.0.0 (all interfaces)";
        }
        if (listening.stream().allMatch(Listeners::loopback)) {
            // A development server's habit: its own port on localhost. Giving Slipway that port would not help.
            return "; it listens on " + String.join(", ", listening) + " instead" + LOOPBACK_ONLY
                    + ": read the port from the PORT environment variable and listen on 0.0.0.0 (all interfaces)";
        }
        List<String> ports = listening.stream().map(a -> a.substring(a.lastIndexOf(':') + 1)).distinct().toList();
        return "; it listens on " + String.join(", ", listening) + " instead: read the port from the PORT"
                + " environment variable" + (ports.size() == 1 && Release.portProblem(ports.get(0)).isEmpty()
                ? ", or tell Slipway the port it listens on: config:set " + app + " PORT=" + ports.get(0) : "");
    }

    private static boolean loopback(String socket) {
        return socket.startsWith("127.") || socket.startsWith("[::1]") || socket.startsWith("[::ffff:127.");
    }

    /**
     * The listening sockets of a {@code /proc/net/tcp} or {@code tcp6} table, as {@code 127.0.0.1:5000}
     * or {@code [::]:3000}; Docker's DNS resolver, which is not the app's, left out.
     */
    static List<String> parse(List<String> lines) {
        List<String> listening = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 4 || !fields[3].equals(LISTEN)) {
                continue;
            }
            String[] local = fields[1].split(":");
            int port = Integer.parseInt(local[1], 16);
            String host = address(local[0]);
            String socket = host + ":" + port;
            if (!host.equals(DOCKER_DNS) && !listening.contains(socket)) {
                listening.add(socket);
            }
        }
        return listening;
    }

    /**
     * A table's address as text, through the JDK's own formatting: the kernel prints each 32-bit
     * word in host (little-endian) order. IPv6 in brackets, with {@code ::} and {@code ::1} short.
     */
    private static String address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int at = (i / 4 * 4 + 3 - i % 4) * 2;
            bytes[i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
        }
        InetAddress address;
        try {
            address = InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + hex, e);
        }
        if (bytes.length == 4) {
            return address.getHostAddress();
        }
        // A 16-byte IPv4-mapped address comes back as an Inet4Address.
        String v6 = address instanceof Inet4Address ? "::ffff:" + address.getHostAddress()
                : address.isAnyLocalAddress() ? "::" : address.isLoopbackAddress() ? "::1" : address.getHostAddress();
        return "[" + v6 + "]";
    }
}

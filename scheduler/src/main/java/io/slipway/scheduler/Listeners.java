package io.slipway.scheduler;

import java.io.IOException;
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

    private Listeners() {
    }

    /** What to tell the user about the process {@code pid} not listening on {@code port}; empty when nothing helps. */
    static String hint(long pid, int port) {
        List<String> listening = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            try {
                listening.addAll(parse(Files.readAllLines(Path.of("/proc", String.valueOf(pid), "net", table))));
            } catch (IOException | RuntimeException e) {
                // Not on this host, or not ours to read: no hint.
            }
        }
        return hint(listening, port);
    }

    static String hint(List<String> listening, int port) {
        if (listening.isEmpty() || listening.stream().anyMatch(a -> a.equals("0.0.0.0:" + port) || a.equals("[::]:" + port))) {
            return "";
        }
        String loopback = listening.stream().filter(a -> a.endsWith(":" + port))
                .filter(a -> a.startsWith("127.") || a.startsWith("[::1]") || a.startsWith("[::ffff:127."))
                .findFirst().orElse(null);
        if (loopback != null) {
            return "; it listens on " + loopback + ", which only the container itself can reach: listen on 0.0.0.0"
                    + " (all interfaces)";
        }
        return "; it listens on " + String.join(", ", listening) + " instead: read the port from the PORT"
                + " environment variable";
    }

    /** The listening sockets of a {@code /proc/net/tcp} or {@code tcp6} table, as {@code 127.0.0.1:5000} or {@code [::]:3000}. */
    static List<String> parse(List<String> lines) {
        List<String> listening = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 4 || !fields[3].equals(LISTEN)) {
                continue;
            }
            String[] local = fields[1].split(":");
            int port = Integer.parseInt(local[1], 16);
            String address = local[0].length() == 8 ? ipv4(local[0]) : "[" + ipv6(local[0]) + "]";
            String socket = address + ":" + port;
            if (!listening.contains(socket)) {
                listening.add(socket);
            }
        }
        return listening;
    }

    /** The kernel prints each 32-bit word in host (little-endian) order. */
    private static String ipv4(String hex) {
        long word = Long.parseLong(hex, 16);
        return (word & 0xff) + "." + (word >> 8 & 0xff) + "." + (word >> 16 & 0xff) + "." + (word >> 24 & 0xff);
    }

    private static String ipv6(String hex) {
        if (hex.equals("00000000000000000000000000000000")) {
            return "::";
        }
        if (hex.equals("00000000000000000000000001000000")) {
            return "::1";
        }
        if (hex.startsWith("0000000000000000FFFF0000")) {
            return "::ffff:" + ipv4(hex.substring(24));
        }
        StringBuilder out = new StringBuilder();
        for (int word = 0; word < 4; word++) {
            String w = hex.substring(word * 8, word * 8 + 8);
            // Each 32-bit word little-endian: its bytes reversed give the address bytes.
            String bytes = w.substring(6, 8) + w.substring(4, 6) + w.substring(2, 4) + w.substring(0, 2);
            out.append(word == 0 ? "" : ":").append(Integer.parseInt(bytes.substring(0, 4), 16) == 0 ? "0"
                    : bytes.substring(0, 4).replaceFirst("^0+", "")).append(':')
                    .append(Integer.parseInt(bytes.substring(4, 8), 16) == 0 ? "0" : bytes.substring(4, 8).replaceFirst("^0+", ""));
        }
        return out.toString().toLowerCase();
    }
}

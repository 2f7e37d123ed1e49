package io.slipway.scheduler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Whether a web instance answers. A bare TCP connect is not enough: the engine's port proxy
 * accepts connections on the published port before the app listens. So we send a request and
 * read the response.
 */
final class Readiness {

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

    static boolean answers(String host, int port, int timeoutMillis) {
        return get(host, port, "/", timeoutMillis).answered();
    }

    static Probe get(String host, int port, String path, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: localhost\r\nUser-Agent: slipway-check\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
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

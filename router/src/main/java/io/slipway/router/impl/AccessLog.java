package io.slipway.router.impl;

import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request on the SLF4J logger {@code slipway.access}: app, host, instance,
 * method, path (without the query, which may hold secrets), status, bytes in and out, total and
 * upstream time-to-first-byte in milliseconds, attempts, request id, client, protocol, and the
 * reason when the router answered itself. Built by hand: a line per request must stay cheap.
 */
final class AccessLog {

    private static final Logger log = LoggerFactory.getLogger("slipway.access");

    private AccessLog() {
    }

    static void write(Exchange exchange, long totalNanos) {
        if (!log.isInfoEnabled()) {
            return;
        }
        StringBuilder line = new StringBuilder(320);
        line.append('{');
        field(line, "app", exchange.app == null ? null : exchange.app.name.value());
        line.append(',');
        field(line, "host", exchange.host);
        line.append(',');
        field(line, "instance", exchange.instance);
        line.append(',');
        field(line, "method", exchange.request.method().name());
        line.append(',');
        field(line, "path", exchange.request.path());
        line.append(",\"status\":").append(exchange.status);
        line.append(",\"bytes_in\":").append(exchange.bytesIn);
        line.append(",\"bytes_out\":").append(exchange.bytesOut);
        line.append(",\"duration_ms\":");
        millis(line, totalNanos);
        line.append(",\"upstream_ms\":");
        if (exchange.firstByteNanos < 0) {
            line.append("null");
        } else {
            millis(line, exchange.firstByteNanos);
        }
        line.append(",\"attempts\":").append(exchange.attempts()).append(',');
        field(line, "request_id", exchange.requestId);
        line.append(',');
        SocketAddress client = exchange.request.remoteAddress();
        field(line, "client", client == null ? null : client.hostAddress());
        line.append(',');
        field(line, "protocol", protocol(exchange.request.version()));
        if (exchange.error != null) {
            line.append(',');
            field(line, "error", exchange.error);
        }
        line.append('}');
        log.info(line.toString());
    }

    private static String protocol(HttpVersion version) {
        return switch (version) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_2 -> "HTTP/2";
            default -> "HTTP/1.1";
        };
    }

    private static void millis(StringBuilder line, long nanos) {
        long micros = nanos / 1000;
        line.append(micros / 1000).append('.');
        long fraction = micros % 1000;
        if (fraction < 100) {
            line.append('0');
        }
        if (fraction < 10) {
            line.append('0');
        }
        line.append(fraction);
    }

    private static void field(StringBuilder line, String name, String value) {
        line.append('"').append(name).append("\":");
        if (value == null) {
            line.append("null");
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }
}

package io.slipway.router.impl;

import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the router changes in headers on the way through: hop-by-hop headers (RFC 9110 §7.6.1,
 * including those a {@code Connection} header names) stay on their hop; the app learns who
 * really called ({@code X-Forwarded-*}, {@code X-Request-Id}, {@code Via}). Names and values are
 * copied as Netty's {@code CharSequence}s where possible: no String per header per request.
 */
final class Headers {

    static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("x-forwarded-for");
    static final CharSequence X_FORWARDED_PROTO = HttpHeaders.createOptimized("x-forwarded-proto");
    static final CharSequence X_FORWARDED_PORT = HttpHeaders.createOptimized("x-forwarded-port");
    static final CharSequence X_REQUEST_ID = HttpHeaders.createOptimized("x-request-id");
    static final CharSequence VIA = HttpHeaders.createOptimized("via");
    private static final CharSequence HTTP = HttpHeaders.createOptimized("http");
    private static final CharSequence HTTPS = HttpHeaders.createOptimized("https");
    private static final CharSequence VIA_1_0 = HttpHeaders.createOptimized("1.0 slipway");
    private static final CharSequence VIA_1_1 = HttpHeaders.createOptimized("1.1 slipway");
    private static final CharSequence VIA_2 = HttpHeaders.createOptimized("2 slipway");
    private static final int MAX_REQUEST_ID = 200;

    private Headers() {
    }

    /** Copies the client's headers for the instance. {@code upgrade} keeps a WebSocket handshake intact. */
    static void toUpstream(HttpServerRequest request, RequestHead head, MultiMap out, String requestId,
                           CharSequence port, boolean tls, boolean upgrade) {
        MultiMap in = request.headers();
        if (in instanceof io.netty.handler.codec.http.HttpHeaders netty) {
            Iterator<Map.Entry<CharSequence, CharSequence>> headers = netty.iteratorCharSequence();
            while (headers.hasNext()) {
                Map.Entry<CharSequence, CharSequence> header = headers.next();
                CharSequence name = header.getKey();
                if (!hopByHop(name) && !ours(name)) {
                    out.add(name, header.getValue());
                }
            }
        } else {
            boolean h2 = request.version() == HttpVersion.HTTP_2;
            for (Map.Entry<String, String> header : in) {
                String name = header.getKey();
                if (!hopByHop(name) && !ours(name) && !(h2 && name.startsWith(":"))) {
                    out.add(name, header.getValue());
                }
            }
        }
        if (head.namesHeaders()) {
            removeNamedIn(head.connection, out);
        }
        String client = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
        String prior = head.forwardedFor;
        // The client's own X-Forwarded-* and X-Request-Id were not copied: add, never set.
        out.add(X_FORWARDED_FOR, prior == null || prior.isBlank() ? client : prior + ", " + client);
        out.add(X_FORWARDED_PROTO, tls ? HTTPS : HTTP);
        out.add(X_FORWARDED_PORT, port);
        out.add(X_REQUEST_ID, requestId);
        out.add(VIA, via(request.version()));
        if (request.version() == HttpVersion.HTTP_2 && !out.contains(HttpHeaders.HOST) && request.authority() != null) {
            out.set(HttpHeaders.HOST, request.authority().toString());
        }
        if (upgrade) {
            out.set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE);
            out.set(HttpHeaders.UPGRADE, in.get(HttpHeaders.UPGRADE));
        }
    }

    /**
     * Whether an HTTP/2 request can be written as HTTP/1.1 as it is: Netty's HTTP/2 decoder leaves
     * header values unchecked, and a line break there (or a space in the path) would let a client
     * smuggle a second request to the instance.
     */
    static boolean fitsHttp1(HttpServerRequest request) {
        String target = request.uri();
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        for (Map.Entry<String, String> header : request.headers()) {
            if (breaks(header.getKey()) || breaks(header.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean breaks(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return true;
            }
        }
        return false;
    }

    /** {@link #toClient} saw a {@code Content-Length}. */
    static final int LENGTH = 1;
    /** {@link #toClient} saw {@code Connection: close}. */
    static final int CLOSE = 2;

    /** Copies the instance's response headers for the client; says what it saw ({@link #LENGTH}, {@link #CLOSE}). */
    static int toClient(io.netty.handler.codec.http.HttpHeaders in, MultiMap out, String requestId, boolean upgrade) {
        boolean length = false;
        String connection = null;
        Iterator<Map.Entry<CharSequence, CharSequence>> headers = in.iteratorCharSequence();
        while (headers.hasNext()) {
            Map.Entry<CharSequence, CharSequence> header = headers.next();
            CharSequence name = header.getKey();
            if (!hopByHop(name) && !isRequestId(name)) {
                out.add(name, header.getValue());
                length |= isContentLength(name);
            } else if (name.length() == 10 && is(name, "connection")) {
                connection = connection == null ? header.getValue().toString() : connection + "," + header.getValue();
            }
        }
        if (connection != null && namesHeaders(connection)) {
            removeNamedIn(connection, out);
        }
        out.add(X_REQUEST_ID, requestId);
        out.add(VIA, VIA_1_1);
        if (upgrade) {
            out.set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE);
            out.set(HttpHeaders.UPGRADE, in.get(HttpHeaders.UPGRADE));
        }
        return (length ? LENGTH : 0) | (connection != null && hasToken(connection, "close") ? CLOSE : 0);
    }

    static CharSequence via(HttpVersion version) {
        return switch (version) {
            case HTTP_1_0 -> VIA_1_0;
            case HTTP_2 -> VIA_2;
            default -> VIA_1_1;
        };
    }

    /** Adds {@code Set-Cookie: cookie} to a response's headers, unless it is null. */
    static void setCookie(MultiMap out, String cookie) {
        if (cookie != null) {
            out.add(HttpHeaders.SET_COOKIE, cookie);
        }
    }

    /** The value of cookie {@code name} in a {@code Cookie} header ({@code a=1; name=2}), or null. */
    static String cookie(CharSequence cookies, String name) {
        if (cookies == null) {
            return null;
        }
        String all = cookies.toString();
        int length = all.length();
        for (int start = 0; start < length; ) {
            int end = all.indexOf(';', start);
            if (end < 0) {
                end = length;
            }
            int from = start;
            while (from < end && all.charAt(from) == ' ') {
                from++;
            }
            int at = from + name.length();
            while (at < end && all.charAt(at) == ' ') {
                at++;
            }
            if (at < end && all.charAt(at) == '=' && all.regionMatches(from, name, 0, name.length())) {
                String value = all.substring(at + 1, end).strip();
                return value.length() > 1 && value.charAt(0) == '"' && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value;
            }
            start = end + 1;
        }
        return null;
    }

    /** The client's request id when it is short and plain, else a fresh one. */
    static String requestId(String given) {
        return given != null && sane(given) ? given : newRequestId();
    }

    static boolean sane(String id) {
        int length = id.length();
        if (length == 0 || length > MAX_REQUEST_ID) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '+' || c == '/' || c == '=' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A random (version 4) UUID without the lock and system calls of {@link UUID#randomUUID()}. */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** RFC 9110 §7.6.1 and the usual non-standard ones; {@code Expect} is answered by the router itself. */
    static boolean hopByHop(CharSequence name) {
        return switch (name.length()) {
            case 2 -> is(name, "te");
            case 6 -> is(name, "expect");
            case 7 -> is(name, "upgrade") || is(name, "trailer");
            case 10 -> is(name, "connection") || is(name, "keep-alive");
            case 14 -> is(name, "http2-settings");
            case 16 -> is(name, "proxy-connection");
            case 17 -> is(name, "transfer-encoding");
            case 18 -> is(name, "proxy-authenticate");
            case 19 -> is(name, "proxy-authorization");
            default -> false;
        };
    }

    /** Headers the router sets itself; the client's values would be lies or duplicates. */
    private static boolean ours(CharSequence name) {
        return switch (name.length()) {
            case 12 -> is(name, "x-request-id");
            case 15 -> is(name, "x-forwarded-for");
            case 16 -> is(name, "x-forwarded-port");
            case 17 -> is(name, "x-forwarded-proto");
            default -> false;
        };
    }

    private static boolean isRequestId(CharSequence name) {
        return name.length() == 12 && is(name, "x-request-id");
    }

    private static boolean isContentLength(CharSequence name) {
        return name.length() == 14 && is(name, "content-length");
    }

    /** Whether a {@code Connection} value has {@code token} in its comma-separated list. */
    static boolean hasToken(String connection, String token) {
        int start = 0;
        int length = connection.length();
        while (start <= length) {
            int comma = connection.indexOf(',', start);
            int end = comma < 0 ? length : comma;
            if (tokenIs(connection, start, end, token)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** Whether a {@code Connection} value names anything besides close, keep-alive and upgrade. */
    static boolean namesHeaders(String connection) {
        int start = 0;
        int length = connection.length();
        while (start <= length) {
            int comma = connection.indexOf(',', start);
            int end = comma < 0 ? length : comma;
            if (!usual(connection, start, end)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static void removeNamedIn(String connection, MultiMap out) {
        for (String part : connection.split(",")) {
            String token = part.trim();
            if (!usual(token, 0, token.length())) {
                out.remove(token);
            }
        }
    }

    /** Blank, close, keep-alive or upgrade: tokens that name no header. */
    private static boolean usual(String value, int start, int end) {
        while (start < end && value.charAt(start) == ' ') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == ' ') {
            end--;
        }
        return start == end || tokenIs(value, start, end, "close") || tokenIs(value, start, end, "keep-alive")
                || tokenIs(value, start, end, "upgrade");
    }

    private static boolean tokenIs(String value, int start, int end, String token) {
        while (start < end && value.charAt(start) == ' ') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == ' ') {
            end--;
        }
        return end - start == token.length() && value.regionMatches(true, start, token, 0, token.length());
    }

    private static boolean is(CharSequence name, String lowerCase) {
        return AsciiString.contentEqualsIgnoreCase(name, lowerCase);
    }
}

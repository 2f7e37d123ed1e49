package io.slipway.router.impl;

import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The few request headers the router itself acts on, read in one pass over the headers instead
 * of one hash lookup each.
 */
final class RequestHead {

    String requestId;
    String contentLength;
    String connection;
    String forwardedFor;
    /** The {@code Cookie} header (HTTP/2 clients may split it in several: joined as one). */
    CharSequence cookie;
    /** {@code Expect: 100-continue}: the client waits for a 100 before it sends its body. */
    boolean expectsContinue;

    static RequestHead read(MultiMap headers) {
        RequestHead head = new RequestHead();
        if (headers instanceof io.netty.handler.codec.http.HttpHeaders netty) {
            Iterator<Map.Entry<CharSequence, CharSequence>> entries = netty.iteratorCharSequence();
            while (entries.hasNext()) {
                Map.Entry<CharSequence, CharSequence> entry = entries.next();
                head.note(entry.getKey(), entry.getValue());
            }
        } else {
            for (Map.Entry<String, String> entry : headers) {
                head.note(entry.getKey(), entry.getValue());
            }
        }
        return head;
    }

    private void note(CharSequence name, CharSequence value) {
        switch (name.length()) {
            case 6 -> {
                if (is(name, "expect")) {
                    expectsContinue |= AsciiString.contentEqualsIgnoreCase(AsciiString.trim(value), "100-continue");
                } else if (is(name, "cookie")) {
                    cookie = cookie == null ? value : cookie + "; " + value;
                }
            }
            case 10 -> {
                if (is(name, "connection")) {
                    connection = connection == null ? value.toString() : connection + "," + value;
                }
            }
            case 12 -> {
                if (is(name, "x-request-id") && requestId == null) {
                    requestId = value.toString();
                }
            }
            case 14 -> {
                if (is(name, "content-length")) {
                    contentLength = value.toString();
                }
            }
            case 15 -> {
                if (is(name, "x-forwarded-for")) {
                    forwardedFor = forwardedFor == null ? value.toString() : forwardedFor + ", " + value;
                }
            }
            default -> {
            }
        }
    }

    /** The declared body length, -1 when there is none (or it is not a number). */
    long declaredLength() {
        if (contentLength == null) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether {@code Connection} lists {@code close} among other tokens, which Vert.x does not notice. */
    boolean listsClose() {
        return connection != null && connection.indexOf(',') >= 0 && Headers.hasToken(connection, "close");
    }

    /** Whether {@code Connection} names headers beyond the usual tokens, which must then go too. */
    boolean namesHeaders() {
        return connection != null && Headers.namesHeaders(connection);
    }

    private static boolean is(CharSequence name, String lowerCase) {
        return AsciiString.contentEqualsIgnoreCase(name, lowerCase);
    }
}

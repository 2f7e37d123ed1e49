package io.slipway.router.impl;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.Map;

/**
 * Moves one HTTP exchange's bytes once an instance is connected: the request body up, the
 * response down, each side paused while the other cannot take more, nothing held beyond the
 * chunk in hand. A WebSocket handshake the instance accepts becomes a {@link Tunnel}. Reports
 * the milestones (first byte, progress, end, failure) to its {@link Exchange}.
 */
final class Relay implements UpstreamConnection.Listener {

    /** Response pieces from this size on are written without a copy. */
    private static final int LEND_FROM = 1024;

    private final Exchange exchange;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final UpstreamConnection connection;
    private final HttpRequest head;
    private final boolean upgrade;
    private boolean headSent;
    private boolean responding;
    private Tunnel tunnel;
    /** Bytes of the response body still to come when its length is declared, else -1. */
    private long remaining = -1;
    private boolean responseEnded;
    /** The instance's response was read to its end: its connection is free for another request. */
    private boolean answerEnded;
    /** The instance said it closes the connection after this response. */
    private boolean closes;

    /** {@code upgrade}: a WebSocket handshake, sent at once, whose 101 answer opens a {@link Tunnel}. */
    Relay(Exchange exchange, UpstreamConnection connection, HttpRequest head, boolean upgrade) {
        this.exchange = exchange;
        this.request = exchange.request;
        this.response = exchange.response;
        this.connection = connection;
        this.head = head;
        this.upgrade = upgrade;
    }

    void start() {
        connection.listener(this);
        if (exchange.requestEnded || upgrade) {
            // A retry after the body was read (only bodiless requests are retried), or a handshake.
            headSent = true;
            connection.send(head, true);
            exchange.waitForFirstByte();
            return;
        }
        request.handler(this::bodyChunk);
        request.endHandler(v -> bodyEnded());
        if (exchange.head.expectsContinue && request.version() != HttpVersion.HTTP_1_0) {
            // Only now, with an instance to take it: a body the router would refuse (413), or could
            // not deliver (503, 502), is never asked for. The instance does not see Expect (Headers).
            response.writeContinue();
        }
        request.resume();
    }

    boolean responding() {
        return responding;
    }

    boolean tunnelling() {
        return tunnel != null;
    }

    /** Whether the instance is the one holding things up: it stopped reading, or stopped sending. */
    boolean instanceStalled() {
        return !responding ? !connection.writable() || exchange.requestEnded : !response.writeQueueFull();
    }

    /** Whether the connection can carry another request: both messages whole, and no close asked. */
    boolean reusable() {
        return answerEnded && exchange.requestEnded && !closes && tunnel == null;
    }

    /** Ends the exchange's use of the connection: closed, with the tunnel if one is open. */
    void reset() {
        if (tunnel != null) {
            tunnel.close();
        } else {
            connection.close();
        }
    }

    private void bodyChunk(Buffer chunk) {
        int length = chunk.length();
        if (length == 0 || exchange.isDone()) {
            return;
        }
        exchange.bytesIn += length;
        if (exchange.bytesIn > exchange.maxBody) {
            exchange.tooLarge();
            return;
        }
        exchange.progress();
        if (!headSent) {
            headSent = true;
            if (exchange.head.contentLength == null) {
                HttpUtil.setTransferEncodingChunked(head, true);
            }
            connection.send(head, false);
        }
        connection.write(((BufferInternal) chunk).getByteBuf());
        if (!connection.writable()) {
            request.pause();
        }
    }

    private void bodyEnded() {
        exchange.requestEnded = true;
        if (exchange.isDone()) {
            return;
        }
        if (headSent) {
            connection.end();
        } else {
            headSent = true;
            connection.send(head, true);
        }
        if (!responding) {
            exchange.waitForFirstByte();
        }
    }

    @Override
    public void head(HttpResponse answer) {
        if (exchange.isDone()) {
            return;
        }
        int status = answer.status().code();
        if (upgrade) {
            exchange.requestEnded = true;
            if (status == 101) {
                tunnel = new Tunnel(exchange, connection);
                tunnel.open(answer);
                return;
            }
            // The instance refused the handshake: its answer is relayed, the request read to its end.
            request.resume();
        } else if (status == 101) {
            // Its codec now passes raw bytes: the connection can carry nothing more.
            exchange.upstreamFailed(new IllegalStateException("the instance switched protocols unasked"));
            return;
        }
        MultiMap headers = response.headers();
        int seen;
        try {
            seen = Headers.toClient(answer.headers(), headers, exchange.requestId, false);
            Headers.setCookie(headers, exchange.affinityCookie);
        } catch (IllegalArgumentException e) {
            // A header Vert.x will not write (it checks each as it is added): nothing of it goes out.
            headers.clear();
            exchange.upstreamFailed(new IllegalStateException("a header the router cannot pass on: " + e.getMessage()));
            return;
        }
        responding = true;
        exchange.firstByte(status);
        response.setStatusCode(status);
        HttpVersion version = request.version();
        if (version != HttpVersion.HTTP_2) {
            String message = answer.status().reasonPhrase();
            if (!message.equals(HttpResponseStatus.valueOf(status).reasonPhrase())) {
                response.setStatusMessage(message);
            }
        }
        boolean declared = (seen & Headers.LENGTH) != 0;
        closes = (seen & Headers.CLOSE) != 0 || answer.protocolVersion() == io.netty.handler.codec.http.HttpVersion.HTTP_1_0;
        if (exchange.closeAfter) {
            headers.set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        if (declared) {
            remaining = declaredLength(answer.headers().get(HttpHeaderNames.CONTENT_LENGTH));
        } else if (version == HttpVersion.HTTP_1_1 && mayHaveBody(status)) {
            response.setChunked(true);
        }
        response.drainHandler(v -> connection.reading(true));
    }

    @Override
    public void content(ByteBuf bytes) {
        if (responseEnded || exchange.isDone()) {
            bytes.release();
            return;
        }
        int length = bytes.readableBytes();
        // Larger pieces are lent to Vert.x as they are (it writes them without a copy) and released
        // once written; for small ones a heap copy costs less than waiting for the write.
        boolean lent = length >= LEND_FROM;
        Buffer chunk = lent ? BufferInternal.buffer(bytes) : UpstreamConnection.heapCopy(bytes);
        exchange.bytesOut += length;
        Future<Void> written;
        if (remaining == length) {
            // The last bytes of a declared length: head, body and end leave in one write.
            responseEnded = true;
            written = response.end(chunk);
        } else {
            exchange.progress();
            if (remaining > 0) {
                remaining -= length;
            }
            written = response.write(chunk);
            if (response.writeQueueFull()) {
                connection.reading(false);
            }
        }
        if (lent) {
            written.onComplete(done -> bytes.release());
        }
    }

    @Override
    public void end(io.netty.handler.codec.http.HttpHeaders trailers) {
        answerEnded = true;
        if (exchange.isDone()) {
            return;
        }
        if (!responseEnded) {
            responseEnded = true;
            if (!trailers.isEmpty() && (response.isChunked() || request.version() == HttpVersion.HTTP_2)) {
                MultiMap out = response.trailers();
                try {
                    for (Map.Entry<String, String> trailer : trailers) {
                        out.add(trailer.getKey(), trailer.getValue());
                    }
                } catch (IllegalArgumentException e) {
                    out.clear();
                }
            }
            response.end();
        }
        exchange.finish();
        if (exchange.closeAfter) {
            request.connection().close();
        }
    }

    @Override
    public void raw(ByteBuf bytes) {
        if (tunnel != null) {
            tunnel.fromInstance(bytes);
        } else {
            bytes.release();
        }
    }

    @Override
    public void writable() {
        if (tunnel != null) {
            tunnel.instanceWritable();
        } else {
            request.resume();
        }
    }

    @Override
    public void failed(Throwable cause) {
        if (tunnel != null) {
            tunnel.close();
        } else if (responding) {
            exchange.responseFailed(cause);
        } else {
            exchange.upstreamFailed(cause);
        }
    }

    private boolean mayHaveBody(int code) {
        return request.method() != HttpMethod.HEAD && code >= 200 && code != 204 && code != 304;
    }

    private static long declaredLength(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

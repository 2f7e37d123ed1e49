package io.slipway.router.impl;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/**
 * Moves one HTTP exchange's bytes once an instance is connected: the request body up, the
 * response down, each side paused while the other cannot take more, nothing held beyond the
 * chunk in hand. Reports the milestones (first byte, progress, end, failure) to its {@link Exchange}.
 */
final class Relay {

    private final Exchange exchange;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final HttpClientRequest sent;
    private HttpClientResponse answer;
    private boolean framed;
    /** Bytes of the response body still to come when its length is declared, else -1. */
    private long remaining = -1;
    private boolean responseEnded;
    /** The instance's response was read to its end: its connection is free for another request. */
    private boolean answerEnded;
    /** The instance said it closes the connection after this response. */
    private boolean closes;

    Relay(Exchange exchange, HttpClientRequest sent) {
        this.exchange = exchange;
        this.request = exchange.request;
        this.response = exchange.response;
        this.sent = sent;
    }

    void start() {
        sent.response().onComplete(ar -> {
            if (ar.succeeded()) {
                responded(ar.result());
            } else {
                exchange.upstreamFailed(ar.cause());
            }
        });
        if (exchange.requestEnded) {
            // A retry after the body was read: only bodiless requests are retried then.
            sent.end();
            exchange.waitForFirstByte();
            return;
        }
        sent.drainHandler(v -> request.resume());
        request.handler(this::bodyChunk);
        request.endHandler(v -> bodyEnded());
        request.resume();
    }

    /** Relays a response that arrived outside {@link #start} (a refused WebSocket handshake). */
    void relayResponse(HttpClientResponse head) {
        responded(head);
    }

    boolean responding() {
        return answer != null;
    }

    /** Whether the instance is the one holding things up: it stopped reading, or stopped sending. */
    boolean instanceStalled() {
        return answer == null ? sent.writeQueueFull() || exchange.requestEnded : !response.writeQueueFull();
    }

    /** Whether the connection can carry another request: both messages whole, and no close asked. */
    boolean reusable() {
        return answerEnded && exchange.requestEnded && !closes;
    }

    void reset() {
        sent.reset();
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
        if (!framed) {
            framed = true;
            if (exchange.head.contentLength == null) {
                sent.setChunked(true);
            }
        }
        sent.write(chunk);
        if (sent.writeQueueFull()) {
            request.pause();
        }
    }

    private void bodyEnded() {
        exchange.requestEnded = true;
        if (!exchange.isDone()) {
            sent.end();
            if (answer == null) {
                exchange.waitForFirstByte();
            }
        }
    }

    private void responded(HttpClientResponse head) {
        if (exchange.isDone()) {
            return;
        }
        answer = head;
        int status = head.statusCode();
        exchange.firstByte(status);
        response.setStatusCode(status);
        HttpVersion version = request.version();
        if (version != HttpVersion.HTTP_2) {
            String message = head.statusMessage();
            if (message != null && !message.equals(HttpResponseStatus.valueOf(status).reasonPhrase())) {
                response.setStatusMessage(message);
            }
        }
        MultiMap headers = response.headers();
        int seen = Headers.toClient(head.headers(), headers, exchange.requestId, false);
        boolean declared = (seen & Headers.LENGTH) != 0;
        closes = (seen & Headers.CLOSE) != 0 || head.version() == HttpVersion.HTTP_1_0;
        if (exchange.closeAfter) {
            headers.set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        if (declared) {
            remaining = declaredLength(head.getHeader(HttpHeaders.CONTENT_LENGTH));
        } else if (version == HttpVersion.HTTP_1_1 && mayHaveBody(status)) {
            response.setChunked(true);
        }
        response.drainHandler(v -> head.resume());
        head.handler(this::responseChunk);
        head.exceptionHandler(exchange::responseFailed);
        head.endHandler(v -> responseEnded());
    }

    private void responseChunk(Buffer chunk) {
        if (responseEnded) {
            return;
        }
        int length = chunk.length();
        exchange.bytesOut += length;
        exchange.progress();
        if (remaining == length) {
            // The last bytes of a declared length: head, body and end leave in one write.
            responseEnded = true;
            response.end(chunk);
            return;
        }
        if (remaining > 0) {
            remaining -= length;
        }
        response.write(chunk);
        if (response.writeQueueFull()) {
            answer.pause();
        }
    }

    private void responseEnded() {
        answerEnded = true;
        if (exchange.isDone()) {
            return;
        }
        if (!responseEnded) {
            responseEnded = true;
            MultiMap trailers = answer.trailers();
            if (!trailers.isEmpty() && (response.isChunked() || request.version() == HttpVersion.HTTP_2)) {
                response.trailers().addAll(trailers);
            }
            response.end();
        }
        exchange.finish();
        if (exchange.closeAfter) {
            request.connection().close();
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

package io.slipway.router.impl;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.net.NetSocket;

/**
 * A WebSocket upgrade passed through as it is: the handshake goes to the instance, and once it
 * answers 101 the two sockets are spliced, bytes unchanged, each side paused while the other
 * cannot take more. The exchange stays in flight (and the instance busy) until either side
 * closes, or nothing moves for the idle timeout.
 */
final class Tunnel {

    private final Exchange exchange;
    private final HttpClientRequest upstreamRequest;
    private NetSocket client;
    private NetSocket instance;
    private boolean switched;
    private boolean closed;

    Tunnel(Exchange exchange, HttpClientRequest upstreamRequest) {
        this.exchange = exchange;
        this.upstreamRequest = upstreamRequest;
    }

    void open() {
        upstreamRequest.connect().onComplete(ar -> {
            if (exchange.isDone()) {
                if (ar.succeeded() && ar.result().statusCode() == 101) {
                    ar.result().netSocket().close();
                }
            } else if (ar.failed()) {
                exchange.upgradeFailed(ar.cause());
            } else if (ar.result().statusCode() != 101) {
                exchange.upgradeRefused(upstreamRequest, ar.result());
            } else {
                switched(ar.result());
            }
        });
    }

    private void switched(HttpClientResponse answer) {
        switched = true;
        exchange.upgraded(answer);
        exchange.request.toNetSocket().onComplete(ar -> {
            NetSocket upstream = answer.netSocket();
            if (ar.failed()) {
                upstream.close();
                exchange.finish();
                return;
            }
            client = ar.result();
            instance = upstream;
            splice(client, instance, true);
            splice(instance, client, false);
            client.closeHandler(v -> close());
            instance.closeHandler(v -> close());
            // The request was paused while the instance was being reached; so is its socket.
            client.resume();
            instance.resume();
        });
    }

    private void splice(NetSocket from, NetSocket to, boolean up) {
        to.drainHandler(v -> from.resume());
        from.handler((Buffer chunk) -> {
            if (up) {
                exchange.bytesIn += chunk.length();
            } else {
                exchange.bytesOut += chunk.length();
            }
            exchange.progress();
            to.write(chunk);
            if (to.writeQueueFull()) {
                from.pause();
            }
        });
    }

    /** Ends the tunnel (or the handshake still on its way) and the exchange. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (client != null) {
            client.close();
            instance.close();
        } else if (!switched) {
            upstreamRequest.reset();
        }
        exchange.finish();
    }
}

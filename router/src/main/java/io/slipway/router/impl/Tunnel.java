package io.slipway.router.impl;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebSocket upgrade passed through as it is: the handshake went to the instance, and once it
 * answers 101 the two connections are spliced, bytes unchanged, each side paused while the other
 * cannot take more. The exchange stays in flight (and the instance busy) until either side
 * closes, or nothing moves for the idle timeout.
 */
final class Tunnel {

    /** How long the instance may take to read the client's last bytes once the client closed. */
    private static final long CLOSE_GRACE_MILLIS = 5_000;

    private final Exchange exchange;
    private final UpstreamConnection instance;
    private NetSocket client;
    /** What the instance sent before the client's side of the tunnel was ready. */
    private List<ByteBuf> early;
    private boolean closed;
    private boolean clientClosed;

    Tunnel(Exchange exchange, UpstreamConnection instance) {
        this.exchange = exchange;
        this.instance = instance;
    }

    /** The instance answered 101: the answer goes to the client, then bytes flow both ways. */
    void open(HttpResponse answer) {
        instance.reading(false);
        instance.upgraded();
        exchange.upgraded(answer);
        exchange.request.toNetSocket().onComplete(ar -> {
            if (closed) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
            } else if (ar.failed()) {
                close();
            } else {
                spliced(ar.result());
            }
        });
    }

    private void spliced(NetSocket socket) {
        client = socket;
        client.closeHandler(v -> {
            // What the client sent last (its Close frame) still reaches the instance.
            clientClosed = true;
            close();
        });
        client.drainHandler(v -> instance.reading(true));
        client.handler(this::fromClient);
        if (early != null) {
            early.forEach(this::toClient);
            early = null;
        }
        // The request was paused while the instance was being reached; so is its socket.
        client.resume();
        if (!client.writeQueueFull()) {
            instance.reading(true);
        }
    }

    private void fromClient(Buffer chunk) {
        exchange.bytesIn += chunk.length();
        exchange.progress();
        instance.write(((BufferInternal) chunk).getByteBuf());
        if (!instance.writable()) {
            client.pause();
        }
    }

    /** Bytes from the instance; the tunnel owns them. */
    void fromInstance(ByteBuf bytes) {
        if (closed) {
            bytes.release();
        } else if (client == null) {
            if (early == null) {
                early = new ArrayList<>(2);
            }
            early.add(bytes);
        } else {
            toClient(bytes);
        }
    }

    private void toClient(ByteBuf bytes) {
        Buffer chunk = UpstreamConnection.heapCopy(bytes);
        exchange.bytesOut += chunk.length();
        exchange.progress();
        client.write(chunk);
        if (client.writeQueueFull()) {
            instance.reading(false);
        }
    }

    void instanceWritable() {
        if (client != null) {
            client.resume();
        }
    }

    /** Ends the tunnel, both connections and the exchange. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (early != null) {
            early.forEach(ByteBuf::release);
            early = null;
        }
        if (client != null) {
            client.close();
        }
        if (clientClosed) {
            instance.closeAfterFlush(CLOSE_GRACE_MILLIS);
        } else {
            instance.close();
        }
        exchange.finish();
    }
}

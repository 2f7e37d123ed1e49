package io.slipway.router.impl;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.concurrent.TimeUnit;

/**
 * One kept-alive HTTP/1.1 connection to an instance, on the event loop of the exchanges it
 * serves: a Netty channel with an HTTP client codec and this handler, which reports the response
 * to the exchange's {@link Listener}. Between exchanges it waits in a {@link ConnectionPool}. The
 * router speaks to instances through Netty directly, not through the Vert.x HTTP client: every
 * request crosses this hop, and the client's futures, queues and stream objects cost as much CPU
 * as the rest of the proxy's user-space work together.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {

    /** What the connection reports to the exchange it serves; all on the connection's event loop. */
    interface Listener {

        /** The response head; informational (1xx other than 101) responses are skipped. */
        void head(HttpResponse head);

        /** A piece of the response body; the listener owns (and must release or pass on) it. */
        void content(ByteBuf chunk);

        /** The response is complete. */
        void end(HttpHeaders trailers);

        /** Bytes after a 101 response, once {@link #upgraded()} removed the HTTP codec; the listener owns them. */
        void raw(ByteBuf bytes);

        /** The request can take more bytes again. */
        void writable();

        /** The connection broke, or the instance sent something that is not HTTP. */
        void failed(Throwable cause);
    }

    /** The instance closed the connection before the response was complete. */
    static final class ClosedException extends RuntimeException {
        ClosedException() {
            super("connection closed", null, false, false);
        }
    }

    final Channel channel;
    final Upstream upstream;
    long idleSince;
    boolean closed;
    private Listener listener;
    /** Inside an informational response, whose end is not the end of the exchange. */
    private boolean informational;
    private boolean upgraded;
    private boolean paused;

    UpstreamConnection(Channel channel, Upstream upstream) {
        this.channel = channel;
        this.upstream = upstream;
    }

    /** Serve {@code next} from now on; null while the connection is idle. */
    void listener(Listener next) {
        listener = next;
        informational = false;
        if (paused) {
            // Stopped for a client that could not keep up: the next exchange (or the instance's
            // closing of an idle connection) must be read.
            reading(true);
        }
    }

    /**
     * Sends a request head: with {@code end} as a whole request without a body, otherwise followed
     * at once by a {@link #write} (which flushes both).
     */
    void send(HttpRequest head, boolean end) {
        if (end) {
            channel.writeAndFlush(new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(),
                    Unpooled.EMPTY_BUFFER, head.headers(), EmptyHttpHeaders.INSTANCE), channel.voidPromise());
        } else {
            channel.write(head, channel.voidPromise());
        }
    }

    /** Sends a piece of the request body; the connection takes ownership of {@code chunk}. */
    void write(ByteBuf chunk) {
        channel.writeAndFlush(upgraded ? chunk : new DefaultHttpContent(chunk), channel.voidPromise());
    }

    void end() {
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, channel.voidPromise());
    }

    boolean writable() {
        return channel.isWritable();
    }

    /** Stops (or resumes) reading the instance's response while the client cannot take more. */
    void reading(boolean on) {
        paused = !on;
        channel.config().setAutoRead(on);
    }

    /**
     * After a 101 answer: the HTTP codec leaves the pipeline and what follows is passed through as
     * it is. Bytes the codec already read go to the listener's {@link Listener#raw} first.
     */
    void upgraded() {
        upgraded = true;
        channel.pipeline().remove(HttpClientCodec.class);
    }

    void close() {
        closed = true;
        channel.close();
    }

    /**
     * Closes once what was written has left, as a tunnel does when its client closed; at the
     * latest after {@code graceMillis}, should the instance have stopped reading.
     */
    void closeAfterFlush(long graceMillis) {
        closed = true;
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, graceMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Listener to = listener;
        if (to == null) {
            // Nothing is owed on an idle connection: whatever came is not for us.
            ReferenceCountUtil.release(msg);
            close();
            return;
        }
        if (upgraded) {
            if (msg instanceof ByteBuf bytes) {
                to.raw(bytes);
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        if (msg instanceof HttpResponse head) {
            if (head.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                fail(to, head.decoderResult().cause());
                return;
            }
            int code = head.status().code();
            informational = code >= 100 && code < 200 && code != 101;
            if (!informational) {
                to.head(head);
            }
        }
        if (!(msg instanceof HttpObject)) {
            // Raw bytes from a decoder that stopped parsing HTTP (a protocol switch nobody asked for).
            ReferenceCountUtil.release(msg);
            fail(to, new IllegalStateException("the instance stopped speaking HTTP/1.1"));
            return;
        }
        if (msg instanceof HttpContent content) {
            if (content.decoderResult().isFailure()) {
                content.release();
                fail(to, content.decoderResult().cause());
                return;
            }
            if (informational) {
                content.release();
                informational = !(content instanceof LastHttpContent);
                return;
            }
            ByteBuf body = content.content();
            if (body.isReadable()) {
                to.content(body);
            } else {
                body.release();
            }
            if (content instanceof LastHttpContent last && listener == to) {
                to.end(last.trailingHeaders());
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (listener != null && ctx.channel().isWritable()) {
            listener.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        Listener to = listener;
        if (to != null) {
            listener = null;
            to.failed(new ClosedException());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Listener to = listener;
        if (to != null) {
            fail(to, cause);
        } else {
            close();
        }
    }

    private void fail(Listener to, Throwable cause) {
        listener = null;
        close();
        to.failed(cause);
    }

    /**
     * The bytes in a Vert.x buffer, which is not reference counted: copied to the heap, and the
     * pooled original released (whatever allocator the engine was configured with).
     */
    static Buffer heapCopy(ByteBuf bytes) {
        try {
            return BufferInternal.buffer(Unpooled.wrappedBuffer(ByteBufUtil.getBytes(bytes)));
        } finally {
            bytes.release();
        }
    }
}

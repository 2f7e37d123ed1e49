package io.slipway.router.impl;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Future;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the router ends a client's HTTP/1 connection after answering it itself (413, 431, 414,
 * 400), as nginx's lingering close: its own side first (after TLS's close_notify), so the client
 * reads the answer to its end; what the client still sends (the rest of a body or of a head
 * nobody will read) is dropped until the client closes too or {@link #LINGER_MILLIS} pass.
 * Closing at once with bytes unread makes the kernel reset the connection, and a reset destroys
 * an answer the client has not read yet. Reaches into Vert.x's connection for its Netty channel,
 * as {@link ConnectionGuard} does; without one it closes at once.
 */
final class LingeringClose extends ChannelInboundHandlerAdapter {

    static final long LINGER_MILLIS = 5000;

    private static final Logger log = LoggerFactory.getLogger(LingeringClose.class);

    private LingeringClose() {
    }

    /**
     * Sends {@code answer}, then closes. From this call on, what the client sends is dropped before
     * Vert.x sees it, and so are errors: once the answer to a request it could not parse is out,
     * Vert.x raises the parse failure through the pipeline and would close at once.
     */
    static void answerThenClose(HttpServerRequest request, Supplier<Future<Void>> answer) {
        HttpConnection connection = request.connection();
        Channel channel = connection instanceof ConnectionBase base ? base.channel() : null;
        if (request.version() == HttpVersion.HTTP_2 || !(channel instanceof DuplexChannel duplex)) {
            answer.get().onComplete(v -> connection.close());
            return;
        }
        channel.pipeline().addFirst(new LingeringClose());
        answer.get().onComplete(v -> {
            if (!channel.isActive()) {
                return;
            }
            channel.config().setAutoRead(true);
            ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS,
                    TimeUnit.MILLISECONDS);
            channel.closeFuture().addListener(closed -> deadline.cancel(false));
            // The client's end of input then closes the channel (half-closure is off).
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            if (tls != null) {
                tls.closeOutbound().addListener(sent -> duplex.shutdownOutput());
            } else {
                duplex.shutdownOutput();
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object unwanted) {
        ReferenceCountUtil.release(unwanted);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        log.debug("while closing {}: {}", context.channel(), cause.toString());
    }
}

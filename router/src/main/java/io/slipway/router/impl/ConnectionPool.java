package io.slipway.router.impl;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetClientOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Kept-alive HTTP/1.1 connections to the instances, one pool per event loop: a connection is made
 * on the loop that uses it, so the bytes of an exchange never change threads. Sized by the load
 * itself: a request takes an idle connection or opens one (the instance concurrency cap bounds
 * how many), and gives it back when its exchange ended cleanly. Idle connections are closed after
 * the upstream keep-alive time, and at once when their instance leaves the routes.
 */
final class ConnectionPool implements AutoCloseable {

    /** The largest response head line and head the router accepts from an instance. */
    private static final int MAX_INITIAL_LINE = 8192;
    private static final int MAX_HEADER_SIZE = 64 * 1024;
    /** Body pieces are passed on as they arrive, up to this size each. */
    private static final int MAX_CHUNK = 64 * 1024;
    /**
     * An instance's header names are not checked as they are read: Vert.x checks each one as
     * {@link Headers#toClient} adds it to the client's response (a bad one makes a 502), and
     * checking twice costs a few per cent of the router's CPU.
     */
    private static final DefaultHttpHeadersFactory UNCHECKED = DefaultHttpHeadersFactory.headersFactory()
            .withNameValidation(false);

    private final Vertx vertx;
    private final Bootstrap bootstrap;
    private final long keepAliveNanos;
    private final Map<Upstream, ArrayDeque<UpstreamConnection>> idle = new HashMap<>();
    private final long timer;
    /** The last instance used and its idle connections: most exchanges on a loop go to few instances. */
    private Upstream lastUpstream;
    private ArrayDeque<UpstreamConnection> lastIdle;

    ConnectionPool(ContextInternal context, int connectTimeoutMillis, long keepAliveNanos) {
        this.vertx = context.owner();
        this.keepAliveNanos = keepAliveNanos;
        VertxInternal owner = context.owner();
        bootstrap = new Bootstrap()
                .group(context.nettyEventLoop())
                .channelFactory(owner.transport().channelFactory(false));
        // The engine's transport sets the options it knows: TCP_QUICKACK (acknowledge at once instead
        // of waiting to piggyback) on epoll and io_uring only.
        owner.transport().configure(new NetClientOptions().setTcpNoDelay(true).setTcpQuickAck(true),
                connectTimeoutMillis, false, bootstrap);
        this.timer = vertx.setPeriodic(Math.max(100, Math.min(1000, keepAliveNanos / 4_000_000)), t -> sweep());
    }

    /** An idle connection to {@code upstream}, most recently used first; null when there is none. */
    UpstreamConnection idle(Upstream upstream) {
        ArrayDeque<UpstreamConnection> connections = upstream == lastUpstream ? lastIdle : idle.get(upstream);
        if (connections == null) {
            return null;
        }
        for (UpstreamConnection pooled = connections.pollLast(); pooled != null; pooled = connections.pollLast()) {
            if (!pooled.closed) {
                return pooled;
            }
        }
        return null;
    }

    /** Opens a connection to {@code upstream} on this pool's event loop; {@code done} gets it or the failure. */
    void open(Upstream upstream, BiConsumer<UpstreamConnection, Throwable> done) {
        bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                HttpDecoderConfig decoding = new HttpDecoderConfig()
                        .setMaxInitialLineLength(MAX_INITIAL_LINE)
                        .setMaxHeaderSize(MAX_HEADER_SIZE)
                        .setMaxChunkSize(MAX_CHUNK)
                        .setHeadersFactory(UNCHECKED)
                        .setTrailersFactory(DefaultHttpHeadersFactory.trailersFactory().withNameValidation(false));
                channel.pipeline().addLast(new HttpClientCodec(decoding, false, false),
                        new UpstreamConnection(channel, upstream));
            }
        }).connect(upstream.socketAddress).addListener((ChannelFutureListener) connected -> {
            if (connected.isSuccess()) {
                done.accept(connected.channel().pipeline().get(UpstreamConnection.class), null);
            } else {
                done.accept(null, connected.cause());
            }
        });
    }

    /** Takes back a connection whose exchange ended cleanly; others are closed by their owner. */
    void release(UpstreamConnection pooled) {
        pooled.listener(null);
        if (pooled.closed) {
            return;
        }
        if (!pooled.upstream.routed) {
            pooled.close();
            return;
        }
        pooled.idleSince = System.nanoTime();
        ArrayDeque<UpstreamConnection> connections = pooled.upstream == lastUpstream ? lastIdle
                : idle.computeIfAbsent(pooled.upstream, u -> new ArrayDeque<>());
        connections.addLast(pooled);
        lastUpstream = pooled.upstream;
        lastIdle = connections;
    }

    private void sweep() {
        long now = System.nanoTime();
        List<Upstream> empty = null;
        for (Map.Entry<Upstream, ArrayDeque<UpstreamConnection>> entry : idle.entrySet()) {
            boolean gone = !entry.getKey().routed;
            ArrayDeque<UpstreamConnection> connections = entry.getValue();
            // Oldest first: stop at the first one still fresh.
            for (Iterator<UpstreamConnection> it = connections.iterator(); it.hasNext(); ) {
                UpstreamConnection pooled = it.next();
                if (pooled.closed) {
                    it.remove();
                } else if (gone || now - pooled.idleSince > keepAliveNanos) {
                    it.remove();
                    pooled.close();
                } else {
                    break;
                }
            }
            if (connections.isEmpty()) {
                if (empty == null) {
                    empty = new ArrayList<>();
                }
                empty.add(entry.getKey());
            }
        }
        if (empty != null) {
            empty.forEach(idle::remove);
            if (empty.contains(lastUpstream)) {
                lastUpstream = null;
                lastIdle = null;
            }
        }
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
        idle.values().forEach(connections -> connections.forEach(UpstreamConnection::close));
        idle.clear();
        lastUpstream = null;
        lastIdle = null;
    }
}

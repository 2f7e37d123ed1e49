package io.slipway.router.impl;

import io.slipway.router.RouterSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The router on one event loop: an HTTP listener (and an HTTPS one), its own client pools to
 * the instances and its own connection guard. Each request is handled, start to end, on this
 * loop: the client connection and the instance connection share a thread, so bytes move between
 * them without a hand-off. The router deploys one per core.
 */
public final class ProxyVerticle extends VerticleBase implements Executor {

    final RouterCore core;
    private final SocketAddress httpAddress;
    private final SocketAddress httpsAddress;
    ConnectionPool pool;
    ConnectionGuard guard;
    Watchdog watchdog;
    private HttpServer http;
    private HttpServer https;
    private CharSequence httpPortHeader;
    private CharSequence httpsPortHeader;

    /** {@code httpsAddress} null: no HTTPS listener. */
    public ProxyVerticle(RouterCore core, SocketAddress httpAddress, SocketAddress httpsAddress) {
        this.core = core;
        this.httpAddress = httpAddress;
        this.httpsAddress = httpsAddress;
    }

    @Override
    public Future<?> start() {
        RouterSettings settings = core.settings;
        pool = new ConnectionPool((ContextInternal) context, (int) settings.connectTimeout().toMillis(),
                settings.upstreamKeepAlive().toNanos());
        guard = new ConnectionGuard(vertx, core);
        watchdog = new Watchdog(vertx);
        http = vertx.createHttpServer(serverOptions(settings))
                .connectionHandler(guard)
                .invalidRequestHandler(this::invalid)
                .requestHandler(this::handlePlain);
        List<Future<?>> listening = new ArrayList<>();
        listening.add(http.listen(httpAddress).onSuccess(s -> {
            core.httpPort = s.actualPort();
            httpPortHeader = HttpHeaders.createOptimized(String.valueOf(s.actualPort()));
        }));
        if (httpsAddress != null) {
            HttpServerOptions options = serverOptions(settings).setSsl(true).setSni(true)
                    .setUseAlpn(true).setKeyCertOptions(core.certificates().current());
            https = vertx.createHttpServer(options).connectionHandler(guard).invalidRequestHandler(this::invalid)
                    .requestHandler(this::handleTls);
            listening.add(https.listen(httpsAddress).onSuccess(s -> {
                core.httpsPort = s.actualPort();
                httpsPortHeader = HttpHeaders.createOptimized(String.valueOf(s.actualPort()));
                core.httpsServer(s, options);
            }));
        }
        return Future.all(listening);
    }

    @Override
    public Future<?> stop() {
        guard.close();
        watchdog.close();
        List<Future<?>> closing = new ArrayList<>();
        closing.add(http.close());
        if (https != null) {
            core.httpsServerClosed(https);
            closing.add(https.close());
        }
        pool.close();
        return Future.all(closing);
    }

    private void handlePlain(HttpServerRequest request) {
        new Exchange(this, request, false, guard.started(request)).start();
    }

    private void handleTls(HttpServerRequest request) {
        new Exchange(this, request, true, guard.started(request)).start();
    }

    private void invalid(HttpServerRequest request) {
        new Exchange(this, request, request.isSSL(), guard.started(request)).rejectMalformed();
    }

    /** Runs {@code task} on this verticle's event loop. */
    @Override
    public void execute(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    CharSequence forwardedPort(boolean tls) {
        return tls ? httpsPortHeader : httpPortHeader;
    }

    private HttpServerOptions serverOptions(RouterSettings settings) {
        return new HttpServerOptions()
                // TCP_QUICKACK (acknowledge at once instead of waiting to piggyback): epoll and io_uring only.
                .setTcpQuickAck(vertx.isNativeTransportEnabled())
                .setCompressionSupported(false)
                .setDecompressionSupported(false)
                // WebSockets are tunnelled byte for byte (Tunnel): the instance negotiates their
                // extensions. Without these, Netty inspects every request and response for them.
                .setPerFrameWebSocketCompressionSupported(false)
                .setPerMessageWebSocketCompressionSupported(false)
                .setMaxHeaderSize(settings.maxHeaderSize())
                .setMaxInitialLineLength(Math.min(settings.maxHeaderSize(), 8192))
                // Exchange answers Expect: 100-continue once it has an instance for the body.
                .setHandle100ContinueAutomatically(false)
                .setHttp2ClearTextEnabled(true)
                // Until the first request: see ConnectionGuard, which then sets the steady idle timeout.
                .setIdleTimeout(0)
                .setReadIdleTimeout(0)
                .setWriteIdleTimeout((int) settings.headerTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setTcpNoDelay(true)
                .setReuseAddress(true)
                .setAcceptBacklog(4096)
                // Every request and response is touched on its own event loop only (see Exchange).
                .setStrictThreadMode(true);
    }
}

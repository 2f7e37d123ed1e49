package io.slipway.router;

import io.slipway.router.impl.ProxyHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;

/** The HTTP front door: every request to every app passes through here. */
public final class Router implements AutoCloseable {

    private final HttpServer server;
    private final HttpClient client;

    private Router(HttpServer server, HttpClient client) {
        this.server = server;
        this.client = client;
    }

    public static Future<Router> start(Vertx vertx, RouterSettings settings, RouteTable routes) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setConnectTimeout((int) settings.connectTimeout().toMillis())
                        .setIdleTimeout((int) settings.responseTimeout().toSeconds()),
                new PoolOptions().setHttp1MaxSize(256));
        HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                .setHost(settings.host())
                .setPort(settings.port())
                .setCompressionSupported(false));
        server.requestHandler(new ProxyHandler(routes, client, settings));
        return server.listen().map(s -> new Router(s, client));
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        server.close().await();
        client.close().await();
    }
}

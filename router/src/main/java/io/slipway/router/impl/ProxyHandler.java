package io.slipway.router.impl;

import io.slipway.core.AppName;
import io.slipway.core.Endpoint;
import io.slipway.router.RouteTable;
import io.slipway.router.RouterSettings;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forwards one request to a live instance of its app, streaming both bodies. */
public final class ProxyHandler implements Handler<HttpServerRequest> {

    private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "proxy-connection");
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:+/=-]{1,200}");

    private final RouteTable routes;
    private final HttpClient client;
    private final RouterSettings settings;

    public ProxyHandler(RouteTable routes, HttpClient client, RouterSettings settings) {
        this.routes = routes;
        this.client = client;
        this.settings = settings;
    }

    @Override
    public void handle(HttpServerRequest request) {
        String requestId = requestId(request);
        request.response().putHeader("X-Request-Id", requestId);
        HostAndPort authority = request.authority();
        String host = authority == null ? null : authority.host();
        Optional<AppName> app = routes.resolve(host);
        if (app.isEmpty()) {
            ErrorPages.send(request.response(), 404, host == null ? "-" : host,
                    "No app is configured for this host name.");
            return;
        }
        Optional<Endpoint> endpoint = routes.pick(app.get());
        if (endpoint.isEmpty()) {
            request.response().putHeader(HttpHeaders.RETRY_AFTER, "5");
            ErrorPages.send(request.response(), 503, app.get().value(),
                    "The app has no running web instance. Deploy it with git push, or scale web above 0.");
            return;
        }
        forward(request, app.get(), endpoint.get(), requestId);
    }

    private void forward(HttpServerRequest request, AppName app, Endpoint endpoint, String requestId) {
        request.pause();
        RequestOptions options = new RequestOptions()
                .setHost(endpoint.host())
                .setPort(endpoint.port())
                .setMethod(request.method())
                .setURI(request.uri())
                .setHeaders(forwardHeaders(request, requestId))
                .setIdleTimeout(settings.responseTimeout().toMillis());
        client.request(options)
                .compose(upstream -> upstream.send(request))
                .onSuccess(response -> relay(request, response))
                .onFailure(error -> {
                    log.debug("{} → {} failed: {}", app, endpoint.address(), error.toString());
                    request.resume();
                    HttpServerResponse response = request.response();
                    if (response.headWritten()) {
                        response.reset();
                    } else if (error instanceof java.util.concurrent.TimeoutException
                            || String.valueOf(error.getMessage()).contains("timeout")) {
                        ErrorPages.send(response, 504, app.value(), "The app did not answer in time.");
                    } else {
                        ErrorPages.send(response, 502, app.value(), "The app's instance " + endpoint.instance()
                                + " could not be reached.");
                    }
                });
    }

    private static void relay(HttpServerRequest request, HttpClientResponse upstream) {
        HttpServerResponse response = request.response();
        response.setStatusCode(upstream.statusCode());
        response.setStatusMessage(upstream.statusMessage());
        upstream.headers().forEach(h -> {
            String name = h.getKey().toLowerCase(java.util.Locale.ROOT);
            // The router owns the request id; an app that echoes it must not make it appear twice.
            if (!HOP_BY_HOP.contains(name) && !name.equals("x-request-id")) {
                response.headers().add(h.getKey(), h.getValue());
            }
        });
        if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH) && request.version() != HttpVersion.HTTP_1_0) {
            response.setChunked(true);
        }
        upstream.pipeTo(response);
    }

    private MultiMap forwardHeaders(HttpServerRequest request, String requestId) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        request.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        String client = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
        String prior = headers.get("X-Forwarded-For");
        headers.set("X-Forwarded-For", prior == null || prior.isBlank() ? client : prior + ", " + client);
        headers.set("X-Forwarded-Proto", request.isSSL() ? "https" : "http");
        headers.set("X-Forwarded-Port", String.valueOf(request.localAddress() == null ? settings.port()
                : request.localAddress().port()));
        headers.set("X-Request-Id", requestId);
        headers.add("Via", "1.1 slipway");
        if (request.authority() != null && !headers.contains(HttpHeaders.HOST)) {
            headers.set(HttpHeaders.HOST, request.authority().toString());
        }
        return headers;
    }

    private static String requestId(HttpServerRequest request) {
        String given = request.getHeader("X-Request-Id");
        return given != null && SANE_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }
}

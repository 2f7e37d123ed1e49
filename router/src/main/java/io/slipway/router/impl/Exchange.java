package io.slipway.router.impl;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import io.vertx.core.net.HostAndPort;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * One request on its way through the router: route it, check it, have a {@link Dispatch} get it
 * to an instance, hand the bytes to a {@link Relay} (which opens a {@link Tunnel} for WebSockets), keep
 * time, and end exactly once with meters and an access-log line. Every failure becomes one status
 * here or in {@link Answers}. Lives on one event loop; no locks.
 */
final class Exchange {

    private final ProxyVerticle loop;
    private final RouterCore core;
    final HttpServerRequest request;
    final HttpServerResponse response;
    final boolean tls;
    final long start = System.nanoTime();
    private final ConnectionGuard.Watch watch;

    RequestHead head;
    AppRoute app;
    String host;
    String requestId;
    String instance;
    /** A {@code Set-Cookie} for the response (or null): under session affinity, the client's instance changed. */
    String affinityCookie;
    int status;
    String error;
    long bytesIn;
    long bytesOut;
    long firstByteNanos = -1;
    long maxBody;
    boolean requestEnded;
    /** The client asked to close after this exchange in a way Vert.x does not notice ({@code Connection: x, close}). */
    boolean closeAfter;

    private Dispatch dispatch;
    private Upstream upstream;
    private Relay relay;
    private long upstreamStart;
    private boolean done;

    /** The time by which this exchange must show progress, and its links, for {@link Watchdog}. */
    long deadline;
    boolean watched;
    Exchange nextWatched;
    Exchange previousWatched;

    Exchange(ProxyVerticle loop, HttpServerRequest request, boolean tls, ConnectionGuard.Watch watch) {
        this.loop = loop;
        this.core = loop.core;
        this.request = request;
        this.response = request.response();
        this.tls = tls;
        this.watch = watch;
    }

    void start() {
        head = RequestHead.read(request.headers());
        requestId = Headers.requestId(head.requestId);
        HostAndPort authority = request.authority();
        host = authority == null ? null : authority.host();
        app = core.routing.route(host);
        if (app == null) {
            fail(404, host == null || host.isEmpty() ? "-" : host, "No app is configured for this host name.");
            return;
        }
        if (app.redirectToHttps && !tls && core.httpsPort > 0) {
            Answers.redirectToHttps(this, core.httpsPort);
            return;
        }
        if (request.method() == HttpMethod.CONNECT) {
            fail(405, app.name.value(), "CONNECT is not passed on: the router forwards requests to apps, it opens no tunnels.");
            return;
        }
        if (request.version() == HttpVersion.HTTP_2 && !Headers.fitsHttp1(request)) {
            // It goes on as HTTP/1.1: a line break in a value or a space in the path would split it.
            fail(400, app.name.value(), "The request has a line break or NUL in a header, or a space or control"
                    + " character in its path.");
            return;
        }
        maxBody = app.maxBodySize >= 0 ? app.maxBodySize : core.settings.maxBodySize();
        if (head.declaredLength() > maxBody) {
            Answers.tooLarge(this);
            return;
        }
        closeAfter = request.version() != HttpVersion.HTTP_2 && head.listsClose();
        request.pause();
        response.closeHandler(v -> clientGone());
        request.exceptionHandler(e -> clientGone());
        dispatch = new Dispatch(this, loop, app);
        dispatch.start();
    }

    /** A request Netty could not parse. */
    void rejectMalformed() {
        requestId = Headers.newRequestId();
        Answers.malformed(this, core.settings.maxHeaderSize());
    }

    /** {@link Dispatch} chose {@code picked}: from now on the instance owes a first byte. */
    void sending(Upstream picked) {
        upstream = picked;
        instance = picked.endpoint.instance();
        upstreamStart = System.nanoTime();
        deadline = upstreamStart + firstByteTimeoutMillis() * 1_000_000;
        loop.watchdog.watch(this);
    }

    /** {@link Dispatch} has a connection to the instance: the request goes out and the bytes move. */
    void connected(UpstreamConnection connection) {
        boolean upgrade = head.connection != null && request.canUpgradeToWebSocket();
        // Without a validator: the client's headers were checked as they were parsed (HTTP/1) or in
        // start (HTTP/2), and the router's own values are plain. Vert.x's header map is a Netty one
        // too, encoded as it is.
        HeadersMultiMap headers = HeadersMultiMap.httpHeaders((BiConsumer<CharSequence, CharSequence>) null);
        Headers.toUpstream(request, head, headers, requestId, loop.forwardedPort(tls), tls, upgrade);
        DefaultHttpRequest sent = new DefaultHttpRequest(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                request.method().toNetty(), request.uri(), headers);
        relay = new Relay(this, connection, sent, upgrade);
        relay.start();
    }

    /** The request is on its way (or sent): the instance's first byte is due within the app's limit. */
    void waitForFirstByte() {
        deadline = System.nanoTime() + firstByteTimeoutMillis() * 1_000_000;
    }

    /** Bytes moved either way: the exchange is alive for another idle timeout. */
    void progress() {
        deadline = System.nanoTime() + core.idleTimeoutNanos;
    }

    /** The instance answered: its status is known and its bytes start to flow. */
    void firstByte(int code) {
        long now = System.nanoTime();
        firstByteNanos = now - upstreamStart;
        status = code;
        upstream.succeeded();
        deadline = now + core.idleTimeoutNanos;
    }

    /** Called by the {@link Watchdog} when the deadline passed without progress. */
    void expired() {
        if (done) {
            return;
        }
        long seconds = core.settings.idleTimeout().toSeconds();
        if (relay != null && relay.tunnelling()) {
            error = "the WebSocket carried nothing for " + seconds + " s";
            relay.reset();
        } else if (relay != null && relay.responding()) {
            boolean instanceStalled = relay.instanceStalled();
            error = (instanceStalled ? "the instance" : "the client") + " moved no bytes for " + seconds + " s";
            if (instanceStalled) {
                core.failed(upstream);
            }
            finish();
            response.reset();
        } else if (relay != null && !requestEnded && !relay.instanceStalled()) {
            fail(408, app.name.value(), "The client sent no part of the request body for " + seconds + " s.");
        } else {
            if (upstream != null) {
                core.timedOut(upstream);
            }
            fail(504, app.name.value(), "The app did not answer in time: instance " + instance + " sent nothing for "
                    + firstByteTimeoutMillis() / 1000.0 + " s.");
        }
    }

    /** The instance failed before its response began. */
    void upstreamFailed(Throwable cause) {
        if (done) {
            return;
        }
        if (cause instanceof TimeoutException) {
            expired();
            return;
        }
        core.failed(upstream);
        error = "The app's instance " + instance + (cause instanceof UpstreamConnection.ClosedException
                ? " closed the connection without answering (" : " sent no answer the router can pass on (")
                + RouterCore.describe(cause) + ").";
        // A kept-alive connection the instance closed just as it was reused: safe to send again
        // when the request has no body and may be repeated.
        if (cause instanceof UpstreamConnection.ClosedException && requestEnded && bytesIn == 0 && idempotent()) {
            Relay failed = relay;
            relay = null;
            if (dispatch.retry()) {
                return;
            }
            relay = failed;
        }
        fail(502, app.name.value(), error);
    }

    /** The instance failed after its response began: nothing to do but cut the client's response. */
    void responseFailed(Throwable cause) {
        if (done) {
            return;
        }
        core.failed(upstream);
        error = "the instance stopped sending its response: " + RouterCore.describe(cause);
        finish();
        response.reset();
    }

    /** The instance accepted a WebSocket handshake; its 101 goes to the client as the tunnel opens. */
    void upgraded(HttpResponse answer) {
        firstByte(101);
        response.setStatusCode(101);
        Headers.toClient(answer.headers(), response.headers(), requestId, true);
        Headers.setCookie(response.headers(), affinityCookie);
    }

    void tooLarge() {
        Answers.tooLarge(this);
    }

    private void clientGone() {
        if (done) {
            return;
        }
        if (status == 0 || !response.ended()) {
            status = 499;
        }
        error = "the client closed the connection";
        finish();
    }

    /** Answers with the router's own page (or cuts the response if its head already went out), then ends. */
    void fail(int code, String subject, String reason) {
        if (done) {
            return;
        }
        error = reason;
        if (response.headWritten() || response.ended()) {
            finish();
            response.reset();
            return;
        }
        status = code;
        response.putHeader(Headers.X_REQUEST_ID, requestId);
        ErrorPages.send(response, code, subject, reason);
        finish();
    }

    /** The single end of every exchange: frees the instance and the connection, records, logs. */
    void finish() {
        if (done) {
            return;
        }
        done = true;
        loop.watchdog.forget(this);
        boolean reusable = relay != null && relay.reusable();
        if (relay != null && !reusable) {
            relay.reset();
        }
        if (dispatch != null) {
            dispatch.close(reusable);
        }
        upstream = null;
        if (!requestEnded && !request.isEnded()) {
            request.handler(null);
            request.resume();
        }
        loop.guard.done(watch);
        long total = System.nanoTime() - start;
        if (app != null) {
            app.countResponse(status);
        }
        core.metrics.of(app).request(status, total);
        AccessLog.write(this, total);
    }

    boolean isDone() {
        return done;
    }

    int attempts() {
        return dispatch == null ? 0 : dispatch.attempts;
    }

    long firstByteTimeoutMillis() {
        long perApp = app.firstByteTimeoutMillis;
        return perApp > 0 ? perApp : core.settings.firstByteTimeout().toMillis();
    }

    boolean idempotent() {
        HttpMethod method = request.method();
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || method == HttpMethod.PUT || method == HttpMethod.DELETE || method == HttpMethod.TRACE;
    }
}

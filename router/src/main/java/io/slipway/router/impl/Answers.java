package io.slipway.router.impl;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/**
 * The answers the router gives itself, without the app: each sets the exchange's status and
 * reason, writes a short page ({@link ErrorPages}) or a redirect, and ends the exchange.
 */
final class Answers {

    private Answers() {
    }

    /** A request Netty could not parse: head too large (431), line too long (414), or malformed (400). */
    static void malformed(Exchange exchange, int maxHeaderSize) {
        HttpServerRequest request = exchange.request;
        Throwable cause = request.decoderResult().cause();
        int code;
        String reason;
        if (cause instanceof TooLongHttpHeaderException) {
            code = 431;
            reason = "The request headers are larger than " + maxHeaderSize + " bytes.";
        } else if (cause instanceof TooLongHttpLineException) {
            code = 414;
            reason = "The request line is too long.";
        } else {
            code = 400;
            reason = "The request is not valid HTTP" + (cause == null ? "." : ": " + cause.getMessage());
        }
        exchange.status = code;
        exchange.error = reason;
        exchange.response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .putHeader(Headers.X_REQUEST_ID, exchange.requestId);
        LingeringClose.answerThenClose(request, () -> ErrorPages.send(exchange.response, code, "-", reason));
        exchange.finish();
    }

    /** The body passed the app's limit (413); the instance's request, if any, is reset as the exchange ends. */
    static void tooLarge(Exchange exchange) {
        HttpServerRequest request = exchange.request;
        HttpServerResponse response = exchange.response;
        request.pause();
        exchange.error = "request body over " + exchange.maxBody + " bytes";
        if (response.headWritten()) {
            exchange.finish();
            response.reset();
            return;
        }
        exchange.status = 413;
        response.putHeader(Headers.X_REQUEST_ID, exchange.requestId);
        String reason = "The request body is larger than the app's limit of " + exchange.maxBody + " bytes.";
        String app = exchange.app.name.value();
        if (request.version() != HttpVersion.HTTP_2) {
            // The rest of the body is not read: the connection cannot carry another request.
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            LingeringClose.answerThenClose(request, () -> ErrorPages.send(response, 413, app, reason));
        } else {
            ErrorPages.send(response, 413, app, reason);
        }
        exchange.finish();
    }

    /** 503 with {@code Retry-After}: no instance, none healthy, or all at their cap. */
    static void unavailable(Exchange exchange, String reason) {
        if (!exchange.response.headWritten()) {
            exchange.response.putHeader(HttpHeaders.RETRY_AFTER, "5");
        }
        exchange.fail(503, exchange.app.name.value(), reason);
    }

    /** The app wants HTTPS: 301 for reads, 308 (method kept) for the rest. */
    static void redirectToHttps(Exchange exchange, int httpsPort) {
        HttpServerRequest request = exchange.request;
        String location = "https://" + exchange.host + (httpsPort == 443 ? "" : ":" + httpsPort) + request.uri();
        HttpMethod method = request.method();
        exchange.status = method == HttpMethod.GET || method == HttpMethod.HEAD ? 301 : 308;
        exchange.response.setStatusCode(exchange.status).putHeader(HttpHeaders.LOCATION, location)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader(Headers.X_REQUEST_ID, exchange.requestId)
                .end("This app is served over HTTPS: " + location + "\n");
        exchange.finish();
    }
}

package io.slipway.router.impl;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** The router's own answers: a short page that names the app (or host) and the reason. */
final class ErrorPages {

    private ErrorPages() {
    }

    static void send(HttpServerResponse response, int status, String subject, String reason) {
        String body = status + " " + title(status) + ": " + subject + ": " + reason + "\n";
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body);
    }

    private static String title(int status) {
        return switch (status) {
            case 404 -> "Not Found";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
    }
}

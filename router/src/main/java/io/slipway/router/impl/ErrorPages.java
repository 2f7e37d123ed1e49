package io.slipway.router.impl;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** The router's own answers: a short page that names the app (or host) and the reason. */
final class ErrorPages {

    private static final CharSequence TEXT = HttpHeaders.createOptimized("text/plain; charset=utf-8");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

    private ErrorPages() {
    }

    static Future<Void> send(HttpServerResponse response, int status, String subject, String reason) {
        String body = status + " " + title(status) + ": " + subject + ": " + reason + "\n";
        return response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, TEXT)
                .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE)
                .end(body);
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
    }
}

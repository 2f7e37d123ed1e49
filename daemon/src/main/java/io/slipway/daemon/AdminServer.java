package io.slipway.daemon;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.Supplier;

/** The operator's port: {@code GET /healthz}, {@code GET /metrics} (Prometheus text), {@code GET /stats} (the router's live stats). */
final class AdminServer implements AutoCloseable {

    private final HttpServer server;

    private AdminServer(HttpServer server) {
        this.server = server;
    }

    /** {@code checks} names each part and says whether it is usable; they run off the event loop. */
    static Future<AdminServer> start(Vertx vertx, String host, int port, Map<String, Supplier<Boolean>> checks,
                                     PrometheusMeterRegistry metrics, Supplier<Object> stats) {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
        server.requestHandler(request -> {
            switch (request.path()) {
                case "/healthz" -> vertx.executeBlocking(() -> {
                    JsonObject result = new JsonObject();
                    boolean healthy = true;
                    for (Map.Entry<String, Supplier<Boolean>> check : checks.entrySet()) {
                        boolean ok = safely(check.getValue());
                        result.put(check.getKey(), ok ? "ok" : "failing");
                        healthy &= ok;
                    }
                    result.put("status", healthy ? "ok" : "failing");
                    return result;
                }).onComplete(r -> {
                    JsonObject body = r.succeeded() ? r.result() : new JsonObject().put("status", "failing");
                    request.response().setStatusCode("ok".equals(body.getString("status")) ? 200 : 503)
                            .putHeader("Content-Type", "application/json").end(body.encode() + "\n");
                });
                case "/stats" -> request.response().putHeader("Content-Type", "application/json")
                        .end(io.vertx.core.json.Json.encodePrettily(stats.get()) + "\n");
                case "/metrics" -> request.response()
                        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(metrics.scrape());
                default -> request.response().setStatusCode(404).end("not found: try /healthz, /metrics or /stats\n");
            }
        });
        return server.listen().map(AdminServer::new);
    }

    private static boolean safely(Supplier<Boolean> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return false;
        }
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        server.close();
    }
}

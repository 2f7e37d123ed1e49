package com.example.hello;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/** A minimal web app: GET / says hello, GET /env shows what Slipway told the process. */
public final class App {

    // Integration tests sed-replace "v1" here to check that a redeploy serves new code.
    static final String GREETING = "Hello from Slipway v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "5000"));
        HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());

        server.createContext("/", exchange -> {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                send(exchange, 404, "text/plain", "Not found");
                return;
            }
            send(exchange, 200, "text/plain", GREETING + " (Java " + Runtime.version().feature() + ")");
        });

        server.createContext("/env", exchange -> {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("app", System.getenv("SLIPWAY_APP"));
            env.put("release", System.getenv("SLIPWAY_RELEASE"));
            env.put("instance", System.getenv("SLIPWAY_INSTANCE"));
            send(exchange, 200, "application/json", JSON.writeValueAsString(env));
        });

        // Exit promptly on docker stop so zero-downtime deploys are not held up by the grace period.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("shutting down");
            server.stop(0);
        }));

        server.start();
        System.out.println("java-hello listening on port " + port);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

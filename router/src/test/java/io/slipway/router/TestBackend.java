package io.slipway.router;

import io.slipway.core.Endpoint;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An app instance on loopback for the router's tests. It answers its own name, and:
 * {@code /slow?ms=N} after N ms; {@code /hang} never; {@code /stall} a few bytes, then nothing;
 * {@code /close} its name with {@code Connection: close}; {@code /upload[?pause=N]} the SHA-256 and
 * length of the body, read as it streams (after holding it N ms); {@code /download?bytes=N} N
 * bytes of {@link #PATTERN}, written only as fast as the router takes them; WebSocket: echo, text as text and binary as binary.
 */
final class TestBackend implements AutoCloseable {

    /** The 64 KiB block that streamed bodies repeat. */
    static final byte[] PATTERN = new byte[64 * 1024];

    static {
        new Random(7).nextBytes(PATTERN);
    }

    final String name;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicLong written = new AtomicLong();
    final AtomicInteger connections = new AtomicInteger();
    final BlockingQueue<MultiMap> headers = new LinkedBlockingQueue<>();
    private final Vertx vertx;
    private HttpServer server;

    private TestBackend(Vertx vertx, String name) {
        this.vertx = vertx;
        this.name = name;
    }

    static TestBackend start(Vertx vertx, String name) {
        TestBackend backend = new TestBackend(vertx, name);
        backend.server = vertx.createHttpServer(new HttpServerOptions().setMaxWebSocketMessageSize(16 << 20))
                .webSocketHandler(ws -> {
                    ws.textMessageHandler(ws::writeTextMessage);
                    ws.binaryMessageHandler(ws::writeBinaryMessage);
                })
                .connectionHandler(c -> backend.connections.incrementAndGet())
                .requestHandler(backend::handle)
                .listen(0, "127.0.0.1").await();
        return backend;
    }

    Endpoint endpoint() {
        return new Endpoint(name, "127.0.0.1", server.actualPort());
    }

    int port() {
        return server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        requests.incrementAndGet();
        inFlight.incrementAndGet();
        headers.add(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
        HttpServerResponse response = request.response();
        boolean[] counted = {true};
        Runnable ended = () -> {
            if (counted[0]) {
                counted[0] = false;
                inFlight.decrementAndGet();
            }
        };
        response.endHandler(v -> ended.run());
        response.closeHandler(v -> ended.run());
        switch (request.path()) {
            case "/slow" -> {
                long ms = Long.parseLong(request.getParam("ms", "1000"));
                request.body().onSuccess(b -> vertx.setTimer(ms, t -> response.end(name)));
            }
            case "/hang" -> {
            }
            case "/stall" -> {
                response.setChunked(true);
                response.write("part of it");
            }
            case "/close" -> request.body().onSuccess(b -> response.putHeader("Connection", "close").end(name));
            case "/upload" -> upload(request, Long.parseLong(request.getParam("pause", "0")));
            case "/download" -> download(response, Long.parseLong(request.getParam("bytes", "0")));
            default -> request.body().onSuccess(b -> response.putHeader("Content-Type", "text/plain").end(name));
        }
    }

    private void upload(HttpServerRequest request, long pauseMillis) {
        MessageDigest digest = sha256();
        long[] length = {0};
        request.handler(chunk -> {
            digest.update(chunk.getBytes());
            length[0] += chunk.length();
        });
        request.endHandler(v -> request.response()
                .end(HexFormat.of().formatHex(digest.digest()) + " " + length[0]));
        if (pauseMillis > 0) {
            request.pause();
            vertx.setTimer(pauseMillis, t -> request.resume());
        }
    }

    private void download(HttpServerResponse response, long bytes) {
        response.putHeader("Content-Length", String.valueOf(bytes));
        Buffer block = Buffer.buffer(PATTERN);
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            while (written.get() < bytes && !response.writeQueueFull()) {
                long left = bytes - written.get();
                Buffer chunk = left >= block.length() ? block : block.getBuffer(0, (int) left);
                written.addAndGet(chunk.length());
                response.write(chunk);
            }
            if (written.get() >= bytes) {
                response.end();
            } else {
                response.drainHandler(v -> pump[0].run());
            }
        };
        pump[0].run();
    }

    /** The SHA-256 of {@code length} bytes of the repeated {@link #PATTERN}. */
    static String patternSha256(long length) {
        MessageDigest digest = sha256();
        long left = length;
        while (left > 0) {
            int n = (int) Math.min(left, PATTERN.length);
            digest.update(PATTERN, 0, n);
            left -= n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close().await();
    }
}

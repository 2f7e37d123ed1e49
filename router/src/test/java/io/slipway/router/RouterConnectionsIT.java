package io.slipway.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipway.core.AppName;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connections on both sides: kept alive and reused, closed when idle or stalled, never left hanging. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterConnectionsIT {

    static {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private static final AppName HELLO = AppName.of("hello");
    private static final String HOST = "hello.apps.test";

    private static Vertx vertx;
    private static HttpClient http;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final RouteTable table = new RouteTable("apps.test");

    @BeforeAll
    static void startVertx() {
        vertx = TestVertx.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    @AfterEach
    void tearDown() throws Exception {
        Collections.reverse(closing);
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    @Test
    void connectionsToAnInstanceAreKeptAliveAndReused() throws Exception {
        TestBackend backend = backend();
        Router router = start(s -> s.withEventLoops(1));

        for (int i = 0; i < 20; i++) {
            assertThat(get(router, "/").statusCode()).isEqualTo(200);
        }

        assertThat(backend.connections.get()).isEqualTo(1);
    }

    @Test
    void idleConnectionsToAnInstanceAreClosedAfterTheKeepAliveTime() throws Exception {
        TestBackend backend = backend();
        Router router = start(s -> s.withEventLoops(1).withUpstreamKeepAlive(Duration.ofMillis(300)));

        assertThat(get(router, "/").statusCode()).isEqualTo(200);
        Thread.sleep(1500);
        assertThat(get(router, "/").statusCode()).isEqualTo(200);

        assertThat(backend.connections.get()).isEqualTo(2);
    }

    @Test
    void connectionTheInstanceClosesIsNotReused() throws Exception {
        TestBackend backend = backend();
        Router router = start(s -> s.withEventLoops(1));

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = get(router, "/close");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("web.1");
        }

        assertThat(backend.connections.get()).isEqualTo(5);
    }

    @Test
    void clientThatStopsSendingItsBodyGets408() throws Exception {
        backend();
        Router router = start(s -> s.withIdleTimeout(Duration.ofSeconds(1)));

        long start = System.nanoTime();
        String response = raw(router, "POST /upload HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: 100\r\n\r\n"
                + "only ten b", 8_000);

        assertThat(response).startsWith("HTTP/1.1 408").contains("sent no part of the request body");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void instanceThatStallsMidResponseHasTheResponseCut() throws Exception {
        backend();
        Router router = start(s -> s.withIdleTimeout(Duration.ofSeconds(1)));

        long start = System.nanoTime();
        String response = raw(router, "GET /stall HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n", 8_000);

        assertThat(response).startsWith("HTTP/1.1 200").contains("part of it").doesNotEndWith("0\r\n\r\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        RouterIT.awaitTrue(() -> router.stats().inFlight() == 0);
    }

    @Test
    void keptAliveClientConnectionWithoutRequestsIsClosedAfterTheIdleTimeout() throws Exception {
        backend();
        Router router = start(s -> s.withIdleTimeout(Duration.ofSeconds(1)));

        try (Socket socket = new Socket("127.0.0.1", router.port())) {
            socket.setSoTimeout(8_000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            long start = System.nanoTime();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("web.1");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(800),
                    Duration.ofSeconds(5));
        }
    }

    @Test
    void silentWebSocketIsClosedAfterTheIdleTimeout() throws Exception {
        backend();
        Router router = start(s -> s.withIdleTimeout(Duration.ofSeconds(1)));
        WebSocketClient client = vertx.createWebSocketClient();
        closing.add(() -> client.close().await());
        WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(router.port())
                .putHeader("Host", HOST).setURI("/ws")).await();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        ws.closeHandler(v -> closed.complete(null));

        closed.get(8, TimeUnit.SECONDS);
        RouterIT.awaitTrue(() -> router.stats().inFlight() == 0);
    }

    @Test
    void requestThatIsNotHttpGets400AndTheConnectionCloses() throws Exception {
        backend();
        Router router = start(s -> s);

        String response = raw(router, "THIS IS NOT HTTP\r\n\r\n", 8_000);

        assertThat(response).matches("(?s)HTTP/1\\.[01] 400 .*").contains("not valid HTTP");
        assertThat(get(router, "/").statusCode()).as("the router carries on").isEqualTo(200);
    }

    private TestBackend backend() {
        TestBackend backend = TestBackend.start(vertx, "web.1");
        closing.add(backend);
        table.setEndpoints(HELLO, List.of(backend.endpoint()));
        return backend;
    }

    private Router start(UnaryOperator<RouterSettings> settings) {
        Router router = Router.start(vertx, settings.apply(RouterSettings.of("127.0.0.1", 0)), table).await();
        closing.add(router);
        return router;
    }

    private static HttpResponse<String> get(Router router, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port() + path))
                .header("Host", HOST).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String raw(Router router, String request, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", router.port())) {
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            StringBuilder all = new StringBuilder();
            byte[] buffer = new byte[4096];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    all.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException reset) {
                // A cut response ends with a reset as often as with a close.
            }
            return all.toString();
        }
    }
}

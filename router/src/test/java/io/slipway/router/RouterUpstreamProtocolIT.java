package io.slipway.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipway.core.AppName;
import io.slipway.core.Endpoint;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How the router reads instances that answer in every way HTTP/1.1 allows (and some it does
 * not), against a backend that writes its answers byte for byte: interim responses, bodiless
 * statuses, bodies read until close, chunks with trailers, a protocol switch nobody asked for, a
 * malformed header. After each, a kept-alive connection to the instance must still frame the next
 * answer right.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterUpstreamProtocolIT {

    static {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private static final String HOST = "raw.apps.test";
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nfresh";
    /** Path → the bytes the instance answers with; "close" in the path closes the connection after. */
    private static final Map<String, String> ANSWERS = Map.of(
            "/interim", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nhinted!",
            "/empty", "HTTP/1.1 204 No Content\r\nX-Kind: empty\r\n\r\n",
            "/cached", "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nContent-Length: 9\r\n\r\n",
            "/head", "HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n",
            "/trailers", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n"
                    + "4\r\nabcd\r\n3\r\nefg\r\n0\r\nX-Sum: 7\r\n\r\n",
            "/until-close", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nread me until the end",
            "/old-close", "HTTP/1.0 200 OK\r\n\r\nfrom an HTTP/1.0 instance",
            "/switch", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: something\r\nConnection: upgrade\r\n\r\nraw bytes",
            "/bad-header", "HTTP/1.1 200 OK\r\nBad(Header: x\r\nContent-Length: 2\r\n\r\nno");

    private static Vertx vertx;
    private static HttpClient http;
    private static ServerSocket backend;
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();
    private static Router router;

    @BeforeAll
    static void start() throws IOException {
        vertx = TestVertx.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        backend = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(RouterUpstreamProtocolIT::accept, "raw-backend");
        acceptor.setDaemon(true);
        acceptor.start();
        RouteTable table = new RouteTable("apps.test");
        table.setEndpoints(AppName.of("raw"), List.of(new Endpoint("web.1", "127.0.0.1", backend.getLocalPort())));
        router = Router.start(vertx, RouterSettings.of("127.0.0.1", 0).withEventLoops(1), table).await();
    }

    @AfterAll
    static void stop() throws IOException {
        router.close();
        backend.close();
        vertx.close().await();
    }

    @Test
    void interimResponsesAreSkippedAndTheRealOneRelayed() throws Exception {
        HttpResponse<String> answer = get("/interim");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("hinted!");
        assertThat(get("/").body()).isEqualTo("fresh");
    }

    @Test
    void bodilessAnswersKeepTheConnectionFramed() throws Exception {
        int before = CONNECTIONS.get();
        HttpResponse<String> empty = get("/empty");
        assertThat(empty.statusCode()).isEqualTo(204);
        assertThat(empty.headers().firstValue("X-Kind")).contains("empty");
        assertThat(get("/").body()).isEqualTo("fresh");
        assertThat(get("/cached").statusCode()).isEqualTo(304);
        assertThat(get("/").body()).isEqualTo("fresh");
        HttpResponse<String> head = http.send(request("/head").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains("12");
        assertThat(get("/").body()).isEqualTo("fresh");
        assertThat(CONNECTIONS.get() - before).as("connections the router opened to the instance").isLessThanOrEqualTo(1);
    }

    @Test
    void chunkedAnswersWithTrailersAreRelayedWhole() throws Exception {
        assertThat(get("/trailers").body()).isEqualTo("abcdefg");
        assertThat(get("/").body()).isEqualTo("fresh");
    }

    @Test
    void answersThatEndWithTheConnectionAreRelayedWhole() throws Exception {
        assertThat(get("/until-close").body()).isEqualTo("read me until the end");
        assertThat(get("/old-close").body()).isEqualTo("from an HTTP/1.0 instance");
        assertThat(get("/").body()).isEqualTo("fresh");
    }

    @Test
    void aProtocolSwitchNobodyAskedForAndAMalformedHeaderAreBadGateways() throws Exception {
        HttpResponse<String> switched = get("/switch");
        assertThat(switched.statusCode()).isEqualTo(502);
        assertThat(switched.body()).contains("raw");
        assertThat(get("/bad-header").statusCode()).isEqualTo(502);
        assertThat(get("/").body()).as("the router carries on").isEqualTo("fresh");
    }

    @Test
    void connectIsRefused() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", router.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("CONNECT " + HOST + ":80 HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] head = new byte[12];
            int read = socket.getInputStream().readNBytes(head, 0, head.length);
            assertThat(new String(head, 0, read, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 405");
        }
        assertThat(get("/").body()).isEqualTo("fresh");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port() + path)).header("Host", HOST)
                .timeout(Duration.ofSeconds(20));
    }

    private static void accept() {
        while (!backend.isClosed()) {
            try {
                Socket socket = backend.accept();
                CONNECTIONS.incrementAndGet();
                Thread serving = new Thread(() -> serve(socket), "raw-backend-connection");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Answers bodiless requests one after another, as scripted, until the router or a script closes. */
    private static void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            for (String requestLine = lines.readLine(); requestLine != null; requestLine = lines.readLine()) {
                for (String line = lines.readLine(); line != null && !line.isEmpty(); line = lines.readLine()) {
                    // The head is all there is: the tests send no bodies.
                }
                String path = requestLine.split(" ")[1];
                out.write(ANSWERS.getOrDefault(path, OK).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (path.equals("/until-close") || path.equals("/old-close") || path.equals("/switch")) {
                    return;
                }
            }
        } catch (IOException gone) {
            // The router closed the connection.
        }
    }
}

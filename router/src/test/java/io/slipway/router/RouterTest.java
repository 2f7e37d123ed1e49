package io.slipway.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipway.core.AppName;
import io.slipway.core.Endpoint;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The router between a real client and a real backend, both on loopback with OS-assigned ports. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterTest {

    static {
        // The JDK's HttpClient refuses to set Host unless told otherwise, and reads this only once.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private static final String DOMAIN = "apps.test";
    private static final AppName HELLO = AppName.of("hello");
    private static final AppName SLEEPY = AppName.of("sleepy");
    private static final AppName BROKEN = AppName.of("broken");
    private static final int BIG = 5 * 1024 * 1024;

    /** What the backend saw of one request. */
    record Seen(String method, String uri, MultiMap headers, String sha256, int length) {
    }

    private static Vertx vertx;
    private static HttpServer backend;
    private static Router router;
    private static HttpClient client;
    private static final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    private static byte[] bigBody;

    @BeforeAll
    static void start() throws IOException {
        bigBody = new byte[BIG];
        new Random(42).nextBytes(bigBody);
        vertx = Vertx.vertx();
        backend = vertx.createHttpServer().requestHandler(RouterTest::backend).listen(0, "127.0.0.1").await();

        RouteTable table = new RouteTable(DOMAIN);
        table.setEndpoints(HELLO, List.of(new Endpoint("web.1", "127.0.0.1", backend.actualPort())));
        table.addApp(SLEEPY);
        table.setEndpoints(BROKEN, List.of(new Endpoint("web.7", "127.0.0.1", RefusedPort.next())));
        router = Router.start(vertx, RouterSettings.of("127.0.0.1", 0), table).await();

        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @BeforeEach
    void forgetEarlierRequests() {
        seen.clear();
    }

    @Test
    void requestReachesTheBackendWithPathAndQuery() throws Exception {
        HttpResponse<String> response = send(get("hello." + DOMAIN, "/some/path?a=1&b=two%20words"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello from /some/path");
        Seen request = seen.poll(5, TimeUnit.SECONDS);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.uri()).isEqualTo("/some/path?a=1&b=two%20words");
    }

    @Test
    void requestKeepsTheHostHeader() throws Exception {
        send(get("hello." + DOMAIN, "/"));

        assertThat(seen.poll(5, TimeUnit.SECONDS).headers().getAll("Host")).containsExactly("hello." + DOMAIN);
    }

    @Test
    void requestWhenHostHasAPortOrOtherCaseStillRoutes() throws Exception {
        HttpResponse<String> response = send(get("HELLO." + DOMAIN.toUpperCase() + ":8080", "/"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(seen.poll(5, TimeUnit.SECONDS).headers().get("Host")).isEqualTo("HELLO.APPS.TEST:8080");
    }

    @Test
    void requestGetsForwardingHeadersAndARequestId() throws Exception {
        HttpResponse<String> response = send(get("hello." + DOMAIN, "/"));

        MultiMap headers = seen.poll(5, TimeUnit.SECONDS).headers();
        assertThat(headers.getAll("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(headers.getAll("X-Forwarded-Proto")).containsExactly("http");
        assertThat(headers.getAll("X-Forwarded-Port")).containsExactly(String.valueOf(router.port()));
        assertThat(headers.getAll("X-Request-Id")).hasSize(1);
        String requestId = headers.get("X-Request-Id");
        assertThat(requestId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly(requestId);
    }

    @Test
    void requestWhenClientSentXForwardedForAppendsTheClient() throws Exception {
        send(get("hello." + DOMAIN, "/").header("X-Forwarded-For", "203.0.113.9"));

        assertThat(seen.poll(5, TimeUnit.SECONDS).headers().getAll("X-Forwarded-For"))
                .containsExactly("203.0.113.9, 127.0.0.1");
    }

    @Test
    void requestWhenClientClaimsHttpsIsToldTheTruth() throws Exception {
        send(get("hello." + DOMAIN, "/").header("X-Forwarded-Proto", "https").header("X-Forwarded-Port", "443"));

        MultiMap headers = seen.poll(5, TimeUnit.SECONDS).headers();
        assertThat(headers.getAll("X-Forwarded-Proto")).containsExactly("http");
        assertThat(headers.getAll("X-Forwarded-Port")).containsExactly(String.valueOf(router.port()));
    }

    @Test
    void requestWhenClientRequestIdIsSaneKeepsAndEchoesIt() throws Exception {
        HttpResponse<String> response = send(get("hello." + DOMAIN, "/").header("X-Request-Id", "abc-123.trace:9"));

        assertThat(seen.poll(5, TimeUnit.SECONDS).headers().getAll("X-Request-Id")).containsExactly("abc-123.trace:9");
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("abc-123.trace:9");
    }

    @Test
    void requestWhenClientRequestIdIsNotSaneReplacesIt() throws Exception {
        String insane = "<script>alert(1)</script>";
        HttpResponse<String> response = send(get("hello." + DOMAIN, "/").header("X-Request-Id", insane));

        String forwarded = seen.poll(5, TimeUnit.SECONDS).headers().get("X-Request-Id");
        assertThat(forwarded).isNotEqualTo(insane).isNotBlank();
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly(forwarded);
    }

    @Test
    void requestWhenClientRequestIdIsTooLongReplacesIt() throws Exception {
        String tooLong = "a".repeat(201);
        send(get("hello." + DOMAIN, "/").header("X-Request-Id", tooLong));

        assertThat(seen.poll(5, TimeUnit.SECONDS).headers().get("X-Request-Id")).isNotEqualTo(tooLong);
    }

    @Test
    void requestWhenBackendEchoesTheRequestIdSendsItOnce() throws Exception {
        HttpResponse<String> response = send(get("hello." + DOMAIN, "/echo-id").header("X-Request-Id", "req-1"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("req-1");
    }

    @Test
    void requestDoesNotForwardProxyCredentials() throws Exception {
        send(get("hello." + DOMAIN, "/").header("Proxy-Authorization", "Basic c2VjcmV0"));

        assertThat(seen.poll(5, TimeUnit.SECONDS).headers().contains("Proxy-Authorization")).isFalse();
    }

    @Test
    void responseKeepsTheBackendsStatusHeadersAndBody() throws Exception {
        HttpResponse<String> response = send(get("hello." + DOMAIN, "/created"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().allValues("X-Backend")).containsExactly("yes");
        assertThat(response.headers().allValues("Set-Cookie")).containsExactlyInAnyOrder("a=1", "b=2");
        assertThat(response.body()).isEqualTo("made");
    }

    @Test
    void responseWhenBackendStreamsChunksArrivesWhole() throws Exception {
        HttpResponse<String> response = send(get("hello." + DOMAIN, "/chunked"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("part1,part2");
    }

    @Test
    void requestWhenHostIsUnknownAnswers404NamingTheHost() throws Exception {
        HttpResponse<String> response = send(get("nobody." + DOMAIN, "/x"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).contains("nobody." + DOMAIN).contains("No app is configured");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(seen).isEmpty();
    }

    @Test
    void requestWhenHostIsOutsideTheDomainAnswers404() throws Exception {
        HttpResponse<String> response = send(get("hello.example.org", "/"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("hello.example.org");
        assertThat(seen).isEmpty();
    }

    @Test
    void requestWhenAppHasNoEndpointAnswers503WithRetryAfter() throws Exception {
        HttpResponse<String> response = send(get("sleepy." + DOMAIN, "/"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(response.body()).contains("sleepy").contains("no running web instance");
    }

    @Test
    void requestWhenEndpointRefusesConnectionsAnswers502() throws Exception {
        HttpResponse<String> response = send(get("broken." + DOMAIN, "/"));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("broken").contains("web.7");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void requestWhenEndpointDoesNotAnswerInTimeAnswers504() throws Exception {
        RouteTable table = new RouteTable(DOMAIN);
        table.setEndpoints(HELLO, List.of(new Endpoint("web.1", "127.0.0.1", backend.actualPort())));
        Router impatient = Router.start(vertx, new RouterSettings("127.0.0.1", 0, Duration.ofSeconds(5),
                Duration.ofMillis(500)), table).await();
        try {
            HttpResponse<String> response = send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + impatient.port() + "/slow")).header("Host", "hello." + DOMAIN));

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(response.body()).contains("hello").contains("did not answer in time");
        } finally {
            impatient.close();
        }
    }

    @Test
    void requestAfterARefusedRequestWithABodyOnTheSameConnectionIsRouted() throws Exception {
        String response = raw("POST /first HTTP/1.1\r\nHost: nobody." + DOMAIN + "\r\nContent-Length: 11\r\n\r\n"
                + "hello world"
                + "GET /second HTTP/1.1\r\nHost: hello." + DOMAIN + "\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 404").contains("HTTP/1.1 200").endsWith("hello from /second");
    }

    @Test
    void requestOverHttp10WhenBackendStreamsChunksArrivesWhole() throws Exception {
        String response = raw("GET /chunked HTTP/1.0\r\nHost: hello." + DOMAIN + "\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.0 200").endsWith("\r\n\r\npart1,part2");
    }

    @Test
    void postWhenBodyIsLargeStreamsItThroughIntact() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(routerUri("/upload"))
                .header("Host", "hello." + DOMAIN)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bigBody)));

        assertThat(response.statusCode()).isEqualTo(200);
        Seen request = seen.poll(10, TimeUnit.SECONDS);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.length()).isEqualTo(BIG);
        assertThat(request.sha256()).isEqualTo(sha256(bigBody));
    }

    @Test
    void postWhenBodyHasNoLengthStreamsItThroughIntact() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(routerUri("/upload"))
                .header("Host", "hello." + DOMAIN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bigBody))));

        assertThat(response.statusCode()).isEqualTo(200);
        Seen request = seen.poll(10, TimeUnit.SECONDS);
        assertThat(request.length()).isEqualTo(BIG);
        assertThat(request.sha256()).isEqualTo(sha256(bigBody));
    }

    @Test
    void getWhenResponseIsLargeStreamsItBackIntact() throws Exception {
        HttpResponse<byte[]> response = client.send(get("hello." + DOMAIN, "/big").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(BIG);
        assertThat(sha256(response.body())).isEqualTo(sha256(bigBody));
    }

    @Test
    void requestWithoutHostHeaderOverHttp10Answers404() throws Exception {
        String response = raw("GET / HTTP/1.0\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.0 404").contains("No app is configured");
    }

    @Test
    void serverSentEventsReachTheClientAsTheyAreSent() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", router.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: hello." + DOMAIN
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            long asked = System.nanoTime();

            String first = readUntil(in, "data: one\n\n");
            long firstAfter = System.nanoTime() - asked;
            String rest = readUntil(in, "0\r\n\r\n");

            assertThat(first).startsWith("HTTP/1.1 200").containsIgnoringCase("content-type: text/event-stream");
            assertThat(Duration.ofNanos(firstAfter)).as("the first event, sent 2 s before the second")
                    .isLessThan(Duration.ofMillis(1500));
            assertThat(rest).contains("data: two\n\n");
        }
    }

    @Test
    void clientThatExpectsContinueGetsItAndItsBodyThrough() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", router.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /upload HTTP/1.1\r\nHost: hello." + DOMAIN + "\r\nExpect: 100-continue\r\n"
                    + "Content-Length: 11\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();

            assertThat(readUntil(in, "\r\n\r\n")).startsWith("HTTP/1.1 100 Continue");
            out.write("hello world".getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(response).startsWith("HTTP/1.1 200").doesNotContain("100 Continue");
            assertThat(seen.poll(5, TimeUnit.SECONDS).length()).isEqualTo(11);
        }
    }

    @Test
    void clientThatExpectsContinueForABodyTooLargeGets413WithoutContinue() throws Exception {
        RouteTable table = new RouteTable(DOMAIN);
        table.setEndpoints(HELLO, List.of(new Endpoint("web.1", "127.0.0.1", backend.actualPort())));
        Router strict = Router.start(vertx, RouterSettings.of("127.0.0.1", 0).withMaxBodySize(1024), table).await();
        try (Socket socket = new Socket("127.0.0.1", strict.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /upload HTTP/1.1\r\nHost: hello." + DOMAIN
                    + "\r\nExpect: 100-continue\r\nContent-Length: 1048576\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(seen).isEmpty();
        } finally {
            strict.close();
        }
    }

    @Test
    void http10ClientGetsAStreamedAnswerWithoutChunkedFraming() throws Exception {
        String response = raw("GET /chunked HTTP/1.0\r\nHost: hello." + DOMAIN + "\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.").doesNotContainIgnoringCase("transfer-encoding")
                .endsWith("\r\n\r\npart1,part2");
    }

    @Test
    void http10ClientThatAsksForKeepAliveKeepsItsConnection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", router.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                out.write(("GET /ab" + i + " HTTP/1.0\r\nHost: hello." + DOMAIN + "\r\nConnection: keep-alive\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                String head = readUntil(in, "\r\n\r\n");
                assertThat(head).startsWith("HTTP/1.").containsIgnoringCase("connection: keep-alive");
                java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
                assertThat(length.find()).as("a length in " + head).isTrue();
                assertThat(new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.ISO_8859_1))
                        .isEqualTo("hello from /ab" + i);
            }
        }
    }

    @Test
    void requestOverARawSocketGetsTheSameRouting() throws Exception {
        String response = raw("GET /raw?x=1 HTTP/1.1\r\nHost: hello." + DOMAIN + "\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200").contains("hello from /raw");
        assertThat(seen.poll(5, TimeUnit.SECONDS).uri()).isEqualTo("/raw?x=1");
    }

    private static void backend(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            seen.add(new Seen(request.method().name(), request.uri(),
                    MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), sha256(body.getBytes()),
                    body.length()));
            HttpServerResponse response = request.response();
            switch (request.path()) {
                case "/echo-id" -> response.putHeader("X-Request-Id", request.getHeader("X-Request-Id")).end("ok");
                case "/big" -> response.end(Buffer.buffer(bigBody));
                case "/slow" -> vertx.setTimer(3_000, t -> response.end("too late"));
                case "/events" -> {
                    response.setChunked(true).putHeader("Content-Type", "text/event-stream");
                    response.write("data: one\n\n");
                    vertx.setTimer(2_000, t -> response.end("data: two\n\n"));
                }
                case "/chunked" -> {
                    response.setChunked(true);
                    response.write("part1,");
                    response.end("part2");
                }
                case "/created" -> response.setStatusCode(201)
                        .putHeader("X-Backend", "yes")
                        .putHeader("Set-Cookie", (Iterable<String>) List.of("a=1", "b=2"))
                        .end("made");
                default -> response.putHeader("Content-Type", "text/plain").end("hello from " + request.path());
            }
        });
    }

    private static HttpRequest.Builder get(String host, String pathAndQuery) {
        return HttpRequest.newBuilder(routerUri(pathAndQuery)).header("Host", host).GET();
    }

    private static URI routerUri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + router.port() + pathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", router.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** What {@code in} gives up to and with {@code end}. */
    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder read = new StringBuilder();
        while (read.indexOf(end) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended before " + end.strip() + ": " + read);
            }
            read.append((char) b);
        }
        return read.toString();
    }


    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

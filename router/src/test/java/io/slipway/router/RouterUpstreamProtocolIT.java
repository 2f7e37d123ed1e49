package io.slipway.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import io.slipway.core.AppName;
import io.slipway.core.Endpoint;
import io.vertx.core.Vertx;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * answer right. And what the router writes to instances: an HTTP/2 request whose header or path
 * would break the HTTP/1.1 head is refused before it reaches one.
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

    private static final int BIG_CHUNK = 32 * 1024;
    private static final int BIG_CHUNKS = 512;

    private static Vertx vertx;
    private static HttpClient http;
    private static ServerSocket backend;
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
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

    @Test
    void aDownloadStoppedAgainAndAgainForASlowClientArrivesWholeAndItsConnectionServesTheNext() throws Exception {
        assertThat(get("/").body()).as("one idle connection to the instance").isEqualTo("fresh");
        int before = CONNECTIONS.get();
        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(16 * 1024);
            slow.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), router.port()));
            slow.setSoTimeout(20_000);
            slow.getOutputStream().write(("GET /big HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            // Reading in small bites with pauses keeps the router's buffers towards this client
            // full, so the router stops reading the instance again and again, to the last chunk.
            DataInputStream in = new DataInputStream(new BufferedInputStream(slow.getInputStream(), 8192));
            String status = readLine(in);
            assertThat(status).startsWith("HTTP/1.1 200");
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                assertThat(line.toLowerCase(Locale.ROOT)).doesNotStartWith("content-length");
            }
            long body = 0;
            long pauseAt = 0;
            byte[] bite = new byte[1 << 20];
            for (int size = Integer.parseInt(readLine(in), 16); size > 0; size = Integer.parseInt(readLine(in), 16)) {
                in.readFully(bite, 0, size);
                body += size;
                assertThat(readLine(in)).isEmpty();
                if (body >= pauseAt) {
                    Thread.sleep(10);
                    pauseAt += 512 * 1024;
                }
            }
            assertThat(body).isEqualTo((long) BIG_CHUNKS * BIG_CHUNK);
        }
        // The instance connection the download used is reused: it must read the next answer.
        assertThat(get("/").body()).isEqualTo("fresh");
        assertThat(get("/").body()).isEqualTo("fresh");
        assertThat(CONNECTIONS.get() - before).as("connections the router opened to the instance").isZero();
    }

    @Test
    void http2RequestsThatHttp1CannotCarryAreRefusedBeforeTheInstance() throws Exception {
        assertThat(http2("/", "x-fine", "yes")).isEqualTo("200");
        int before = REQUESTS.get();
        assertThat(http2("/", "x-smuggle", "a\r\nContent-Length: 0\r\n\r\nGET /admin HTTP/1.1")).isEqualTo("400");
        assertThat(http2("/", "x-nul", "a\0b")).isEqualTo("400");
        assertThat(http2("/a b", "x-fine", "yes")).isEqualTo("400");
        assertThat(http2("/\r\nX-Injected: yes", "x-fine", "yes")).isEqualTo("400");
        assertThat(REQUESTS.get() - before).as("requests the instance saw").isZero();
        assertThat(http2("/", "x-fine", "yes")).isEqualTo("200");
    }

    /**
     * One HTTP/2 request with prior knowledge over plain Netty, whose client leaves header values
     * unchecked (as an attacker's would); returns the {@code :status} the router answers.
     */
    private static String http2(String path, String header, String value) throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            CompletableFuture<String> status = new CompletableFuture<>();
            Channel connection = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            channel.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                    new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                        }
                    })
                    .connect(InetAddress.getLoopbackAddress(), router.port()).sync().channel();
            Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext context, Object frame) {
                            if (frame instanceof Http2HeadersFrame headers && headers.headers().status() != null) {
                                status.complete(headers.headers().status().toString());
                            }
                            ReferenceCountUtil.release(frame);
                        }

                        @Override
                        public void channelInactive(ChannelHandlerContext context) {
                            status.completeExceptionally(new IOException("the stream closed without an answer"));
                        }
                    })
                    .open().sync().getNow();
            Http2Headers headers = new DefaultHttp2Headers(false, false, 8)
                    .method("GET").scheme("http").authority(HOST).path(path);
            headers.add(header, value);
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true));
            return status.get(10, TimeUnit.SECONDS);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the router closed the connection after: " + line);
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
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

    /** {@code /big}: {@link #BIG_CHUNKS} chunks of {@link #BIG_CHUNK} bytes, more than all the buffers between. */
    private static void writeBig(OutputStream out) throws IOException {
        out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/octet-stream\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        byte[] chunk = new byte[BIG_CHUNK];
        Arrays.fill(chunk, (byte) 'b');
        byte[] size = (Integer.toHexString(BIG_CHUNK) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < BIG_CHUNKS; i++) {
            out.write(size);
            out.write(chunk);
            out.write(crlf);
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Answers bodiless requests one after another, as scripted, until the router or a script closes. */
    private static void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            for (String requestLine = lines.readLine(); requestLine != null; requestLine = lines.readLine()) {
                REQUESTS.incrementAndGet();
                for (String line = lines.readLine(); line != null && !line.isEmpty(); line = lines.readLine()) {
                    // The head is all there is: the tests send no bodies.
                }
                String path = requestLine.split(" ")[1];
                if (path.equals("/big")) {
                    writeBig(out);
                    continue;
                }
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

package io.slipway.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipway.core.AppName;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 100 MB each way through the router, never held in it: while the instance (or the client)
 * does not read, the other side cannot get far ahead, and the whole run fits in the small heap
 * Failsafe gives this module (see the pom), where a buffering router would run out.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RouterStreamingIT {

    static {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private static final Logger log = LoggerFactory.getLogger(RouterStreamingIT.class);
    private static final long SIZE = 100L * 1024 * 1024;
    /** Far below 100 MB, far above what socket buffers and write queues hold on loopback. */
    private static final long AHEAD_AT_MOST = 32L * 1024 * 1024;
    private static final String HOST = "hello.apps.test";

    private static Vertx vertx;
    private static TestBackend backend;
    private static Router router;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        vertx = TestVertx.start();
        backend = TestBackend.start(vertx, "web.1");
        RouteTable table = new RouteTable("apps.test");
        table.setEndpoints(AppName.of("hello"), List.of(backend.endpoint()));
        router = Router.start(vertx, RouterSettings.of("127.0.0.1", 0).withMaxBodySize(2L << 30), table).await();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        router.close();
        backend.close();
        vertx.close().await();
    }

    @Test
    void uploadOf100MegabytesStreamsThroughAtTheInstancesPace() throws Exception {
        AtomicLong produced = new AtomicLong();
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(HttpRequest.newBuilder(uri("/upload?pause=2000"))
                        .header("Host", HOST)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(SIZE, produced)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        Thread.sleep(1500);
        long sentWhileTheInstanceWaited = produced.get();
        HttpResponse<String> response = answer.get(120, TimeUnit.SECONDS);
        log.info("upload: {} bytes sent while the instance waited", sentWhileTheInstanceWaited);

        assertThat(sentWhileTheInstanceWaited).as("bytes the client got rid of while the instance read nothing")
                .isLessThan(AHEAD_AT_MOST);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(TestBackend.patternSha256(SIZE) + " " + SIZE);
    }

    @Test
    void downloadOf100MegabytesStreamsThroughAtTheClientsPace() throws Exception {
        backend.written.set(0);
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri("/download?bytes=" + SIZE))
                .header("Host", HOST).build(), HttpResponse.BodyHandlers.ofInputStream());

        Thread.sleep(1500);
        long writtenWhileTheClientWaited = backend.written.get();
        MessageDigest digest = TestBackend.sha256();
        long length = 0;
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                digest.update(buffer, 0, n);
                length += n;
            }
        }

        log.info("download: {} bytes written while the client waited", writtenWhileTheClientWaited);
        assertThat(writtenWhileTheClientWaited).as("bytes the instance got rid of while the client read nothing")
                .isLessThan(AHEAD_AT_MOST);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(length).isEqualTo(SIZE);
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(TestBackend.patternSha256(SIZE));
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + router.port() + path);
    }

    /** {@code length} bytes of the repeated pattern, counting what has been read. */
    private static final class PatternStream extends InputStream {
        private final long length;
        private final AtomicLong position;

        PatternStream(long length, AtomicLong position) {
            this.length = length;
            this.position = position;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long at = position.get();
            if (at >= length) {
                return -1;
            }
            int offset = (int) (at % TestBackend.PATTERN.length);
            int n = (int) Math.min(Math.min(len, TestBackend.PATTERN.length - offset), length - at);
            System.arraycopy(TestBackend.PATTERN, offset, b, off, n);
            position.addAndGet(n);
            return n;
        }
    }
}

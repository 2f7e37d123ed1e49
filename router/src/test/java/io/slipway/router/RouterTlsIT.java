package io.slipway.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.core.AppName;
import io.slipway.core.event.EventBus;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS listener: a certificate per domain chosen by SNI (exact names and wildcards), files
 * added while running picked up without a restart, and the per-app redirect from plain HTTP.
 * Certificates are made here with {@code openssl}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RouterTlsIT {

    static {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private static final AppName HELLO = AppName.of("hello");

    @TempDir
    static Path certs;

    private static Vertx vertx;
    private static TestBackend backend;
    private static RouteTable table;
    private static Router router;

    @BeforeAll
    static void start() throws Exception {
        certificate("one.test", "one.test");
        certificate("_wildcard.two.test", "*.two.test");
        vertx = TestVertx.start();
        backend = TestBackend.start(vertx, "web.1");
        table = new RouteTable("apps.test");
        table.setEndpoints(HELLO, List.of(backend.endpoint()));
        table.addDomain(HELLO, "one.test");
        table.addDomain(HELLO, "*.two.test");
        table.addDomain(HELLO, "three.test");
        router = Router.start(vertx, RouterSettings.of("127.0.0.1", 0).withHttps(0, certs)
                        .withCertificateReload(Duration.ofMillis(200)), table, new EventBus(), new SimpleMeterRegistry())
                .await();
    }

    @AfterAll
    static void stop() {
        router.close();
        backend.close();
        vertx.close().await();
    }

    @Test
    void serverNameSelectsTheDomainsCertificate() throws Exception {
        try (SSLSocket socket = connect("one.test")) {
            assertThat(subject(socket)).isEqualTo("CN=one.test");
            String response = exchange(socket, "one.test");

            assertThat(response).startsWith("HTTP/1.1 200").endsWith("web.1");
        }
        MultiMap seen = lastHeaders();
        assertThat(seen.get("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(seen.get("X-Forwarded-Port")).isEqualTo(String.valueOf(router.httpsPort().getAsInt()));
        assertThat(seen.get("Host")).isEqualTo("one.test");
    }

    @Test
    void serverNameUnderAWildcardGetsTheWildcardCertificate() throws Exception {
        try (SSLSocket socket = connect("shop.two.test")) {
            assertThat(subject(socket)).isEqualTo("CN=*.two.test");
            assertThat(exchange(socket, "shop.two.test")).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void certificateAddedWhileRunningIsServedWithoutARestart() throws Exception {
        try (SSLSocket before = connect("three.test")) {
            assertThat(subject(before)).isNotEqualTo("CN=three.test");
        }

        certificate("three.test", "three.test");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String subject = "";
        while (!subject.equals("CN=three.test") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            try (SSLSocket socket = connect("three.test")) {
                subject = subject(socket);
            }
        }
        assertThat(subject).isEqualTo("CN=three.test");
        assertThat(router.certificateDomains()).contains("one.test", "*.two.test", "three.test");
    }

    @Test
    void plainRequestToAnAppThatWantsHttpsIsRedirected() throws Exception {
        table.setRedirectToHttps(HELLO, true);
        try {
            HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> response = plain.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + router.port() + "/cart?id=7"))
                    .header("Host", "one.test").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(301);
            assertThat(response.headers().firstValue("Location"))
                    .contains("https://one.test:" + router.httpsPort().getAsInt() + "/cart?id=7");
        } finally {
            table.setRedirectToHttps(HELLO, false);
        }
        try (SSLSocket socket = connect("one.test")) {
            assertThat(exchange(socket, "one.test")).as("HTTPS itself is served").startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void listenerWithoutAnyCertificateYetStartsAndServesTheFirstOneAdded(@TempDir Path empty) throws Exception {
        Router bare = Router.start(vertx, RouterSettings.of("127.0.0.1", 0).withHttps(0, empty)
                .withCertificateReload(Duration.ofMillis(200)), table).await();
        try {
            assertThat(bare.httpsPort()).isPresent();
            assertThat(bare.certificateDomains()).isEmpty();

            certificate(empty, "one.test", "one.test");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String subject = "";
            while (!subject.equals("CN=one.test") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                try (SSLSocket socket = connect(bare, "one.test")) {
                    subject = subject(socket);
                } catch (IOException notYet) {
                    subject = "";
                }
            }
            assertThat(subject).isEqualTo("CN=one.test");
        } finally {
            bare.close();
        }
    }

    @Test
    void http2IsNegotiatedOverTls() throws Exception {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(trustEverything())
                .build();

        HttpResponse<String> response = h2.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + router.httpsPort().getAsInt() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).as("no app is named 127.0.0.1").isEqualTo(404);
    }

    @Test
    void aClientStillSendingATooLargeHeadReadsThe431ToItsEnd() throws Exception {
        String answer = RouterIT.answerWhileSending(connect("one.test"), "GET / HTTP/1.1\r\nHost: one.test\r\nX-Big: ");

        assertThat(answer).startsWith("HTTP/1.1 431").contains("headers are larger than");
    }

    /** A fresh TLS context each time: the JDK would resume the last session, certificate and all. */
    private static SSLSocket connect(String serverName) throws Exception {
        return connect(router, serverName);
    }

    private static SSLSocket connect(Router target, String serverName) throws Exception {
        SSLSocket socket = (SSLSocket) trustEverything().getSocketFactory().createSocket("127.0.0.1",
                target.httpsPort().getAsInt());
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(serverName)));
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static String subject(SSLSocket socket) throws IOException {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }

    private static String exchange(SSLSocket socket, String host) throws IOException {
        socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static MultiMap lastHeaders() throws InterruptedException {
        MultiMap last = backend.headers.poll(5, TimeUnit.SECONDS);
        for (MultiMap next = backend.headers.poll(); next != null; next = backend.headers.poll()) {
            last = next;
        }
        return last;
    }

    /** A self-signed EC certificate for {@code name} in {@code <file>.crt} and {@code <file>.key}. */
    private static void certificate(String file, String name) throws Exception {
        certificate(certs, file, name);
    }

    private static void certificate(Path certs, String file, String name) throws Exception {
        Path key = certs.resolve(file + ".key.tmp");
        Path crt = certs.resolve(file + ".crt.tmp");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-keyout", key.toString(), "-out", crt.toString(), "-subj", "/CN=" + name,
                "-addext", "subjectAltName=DNS:" + name)
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor()).as(output).isZero();
        // Key first, then certificate: the router only takes a certificate whose key is there.
        Files.move(key, certs.resolve(file + ".key"));
        Files.move(crt, certs.resolve(file + ".crt"));
    }

    private static SSLContext trustEverything() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
        return context;
    }

    /**
     * Test certificates are self-signed and name no IP address; what is checked is which one the
     * router presents. Extended, so that the JDK does not add its own host name check.
     */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

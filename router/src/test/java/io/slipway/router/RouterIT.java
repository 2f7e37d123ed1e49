package io.slipway.router;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.slipway.core.AppName;
import io.slipway.core.Endpoint;
import io.slipway.core.RouterOption;
import io.slipway.core.RouterOptions;
import io.slipway.core.event.RouterOptionsChanged;
import io.slipway.core.event.EndpointFailed;
import io.slipway.core.event.EventBus;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** The router with real instances on loopback: balancing, live changes, health, limits, protocols, observability. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RouterIT {

    static {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private static final String DOMAIN = "apps.test";
    private static final AppName HELLO = AppName.of("hello");
    private static final String HOST = "hello." + DOMAIN;

    private static Vertx vertx;
    private static HttpClient http;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private RouteTable table;
    private EventBus events;
    private BlockingQueue<EndpointFailed> failures;
    private SimpleMeterRegistry registry;

    @BeforeAll
    static void startVertx() {
        vertx = TestVertx.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    @BeforeEach
    void setUp() {
        table = new RouteTable(DOMAIN);
        events = new EventBus();
        failures = new LinkedBlockingQueue<>();
        events.subscribe(EndpointFailed.class, failures::add);
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void tearDown() throws Exception {
        Collections.reverse(closing);
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    @Test
    void balancingSpreadsRequestsOverEveryInstance() throws Exception {
        List<TestBackend> backends = List.of(backend("web.1"), backend("web.2"), backend("web.3"));
        table.setEndpoints(HELLO, backends.stream().map(TestBackend::endpoint).toList());
        Router router = start(s -> s);

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            responses.add(http.sendAsync(get(router, HOST, "/").build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> r : responses) {
            assertThat(r.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }

        for (TestBackend b : backends) {
            assertThat(b.requests.get()).as(b.name).isBetween(120, 280);
        }
    }

    @Test
    void leastOutstandingKeepsNewRequestsOffABusyInstance() throws Exception {
        TestBackend one = backend("web.1");
        TestBackend two = backend("web.2");
        table.setEndpoints(HELLO, List.of(one.endpoint(), two.endpoint()));
        Router router = start(s -> s);
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(get(router, HOST, "/slow?ms=3000").build(),
                HttpResponse.BodyHandlers.ofString());
        awaitTrue(() -> one.inFlight.get() + two.inFlight.get() == 1);
        TestBackend busy = one.inFlight.get() == 1 ? one : two;
        TestBackend idle = busy == one ? two : one;

        for (int i = 0; i < 20; i++) {
            assertThat(send(get(router, HOST, "/")).body()).isEqualTo(idle.name);
        }
        assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo(busy.name);
    }

    @Test
    void roundRobinSendsEachInstanceItsTurn() throws Exception {
        table.setEndpoints(HELLO, List.of(backend("web.1").endpoint(), backend("web.2").endpoint(),
                backend("web.3").endpoint()));
        table.setBalancing(HELLO, Balancing.ROUND_ROBIN);
        Router router = start(s -> s);

        List<String> served = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            served.add(send(get(router, HOST, "/")).body());
        }

        assertThat(served.subList(0, 3)).containsExactlyInAnyOrder("web.1", "web.2", "web.3");
        assertThat(served.subList(3, 6)).isEqualTo(served.subList(0, 3));
        assertThat(served.subList(6, 9)).isEqualTo(served.subList(0, 3));
    }

    @Test
    void sessionAffinityKeepsAClientOnItsInstanceUntilTheInstanceLeaves() throws Exception {
        List<TestBackend> backends = List.of(backend("web.1"), backend("web.2"), backend("web.3"));
        table.setEndpoints(HELLO, backends.stream().map(TestBackend::endpoint).toList());
        Router router = start(s -> s);
        HttpResponse<String> unset = send(get(router, HOST, "/"));
        assertThat(unset.headers().firstValue("set-cookie")).as("no affinity by default").isEmpty();
        table.setOptions(HELLO, RouterOptions.DEFAULTS.with(RouterOption.SESSION_AFFINITY, "true"));

        HttpResponse<String> first = send(get(router, HOST, "/"));
        String cookie = first.headers().firstValue("set-cookie").orElseThrow();
        assertThat(cookie).matches("slipway-affinity=[0-9a-f]{16}; Path=/; HttpOnly; SameSite=Lax");
        String pair = cookie.substring(0, cookie.indexOf(';'));
        String home = first.body();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> again = send(get(router, HOST, "/").header("Cookie", "theme=dark; " + pair + "; b=1"));
            assertThat(again.body()).isEqualTo(home);
            assertThat(again.headers().firstValue("set-cookie")).isEmpty();
        }
        Set<String> fresh = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            fresh.add(send(get(router, HOST, "/")).body());
        }
        assertThat(fresh).as("clients without the cookie are still spread").hasSizeGreaterThan(1);

        table.setEndpoints(HELLO, backends.stream().filter(b -> !b.name.equals(home)).map(TestBackend::endpoint).toList());
        HttpResponse<String> moved = send(get(router, HOST, "/").header("Cookie", pair));
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(moved.body()).isNotEqualTo(home);
        String next = moved.headers().firstValue("set-cookie").orElseThrow();
        String nextPair = next.substring(0, next.indexOf(';'));
        for (int i = 0; i < 10; i++) {
            assertThat(send(get(router, HOST, "/").header("Cookie", nextPair)).body()).isEqualTo(moved.body());
        }
    }

    @Test
    void sessionAffinityGoesElsewhereWhileItsInstanceIsBusyButKeepsTheClientsCookie() throws Exception {
        TestBackend one = backend("web.1");
        TestBackend two = backend("web.2");
        table.setEndpoints(HELLO, List.of(one.endpoint(), two.endpoint()));
        table.setOptions(HELLO, RouterOptions.DEFAULTS.with(RouterOption.SESSION_AFFINITY, "true"));
        Router router = start(s -> s.withInstanceConcurrency(1, 0, Duration.ofSeconds(1)));
        HttpResponse<String> first = send(get(router, HOST, "/"));
        String cookie = first.headers().firstValue("set-cookie").orElseThrow();
        String pair = cookie.substring(0, cookie.indexOf(';'));
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(get(router, HOST, "/slow?ms=1500")
                .header("Cookie", pair).build(), HttpResponse.BodyHandlers.ofString());
        awaitTrue(() -> one.inFlight.get() + two.inFlight.get() == 1);

        HttpResponse<String> meanwhile = send(get(router, HOST, "/").header("Cookie", pair));

        assertThat(meanwhile.body()).as("its instance is at its limit of 1").isNotEqualTo(first.body());
        assertThat(meanwhile.headers().firstValue("set-cookie")).as("the client keeps its instance").isEmpty();
        assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo(first.body());
        assertThat(send(get(router, HOST, "/").header("Cookie", pair)).body()).isEqualTo(first.body());
    }

    @Test
    void liveChangesDuringARequestLoopLoseNoRequest() throws Exception {
        List<TestBackend> backends = List.of(backend("web.1"), backend("web.2"), backend("web.3"), backend("web.4"));
        table.setEndpoints(HELLO, List.of(backends.get(0).endpoint()));
        Router router = start(s -> s);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        List<Future<?>> loops = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            String path = t % 2 == 0 ? "/" : "/slow?ms=30";
            loops.add(clients.submit(() -> {
                while (running.get()) {
                    statuses.add(send(get(router, HOST, path)).statusCode());
                }
                return null;
            }));
        }

        for (int round = 0; round < 40; round++) {
            int first = round % backends.size();
            table.setEndpoints(HELLO, List.of(backends.get(first).endpoint(),
                    backends.get((first + 1) % backends.size()).endpoint()));
            Thread.sleep(50);
        }
        running.set(false);
        for (Future<?> loop : loops) {
            loop.get(30, TimeUnit.SECONDS);
        }
        clients.shutdown();

        assertThat(statuses).hasSizeGreaterThan(100).containsOnly(200);
        assertThat(backends).allSatisfy(b -> assertThat(b.requests.get()).as(b.name).isPositive());
    }

    @Test
    void drainedCompletesWhenTheLastRequestToALeavingInstanceEnds() throws Exception {
        TestBackend leaving = backend("web.1");
        TestBackend staying = backend("web.2");
        table.setEndpoints(HELLO, List.of(leaving.endpoint()));
        Router router = start(s -> s);
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(get(router, HOST, "/slow?ms=1500").build(),
                HttpResponse.BodyHandlers.ofString());
        awaitTrue(() -> leaving.inFlight.get() == 1);

        table.setEndpoints(HELLO, List.of(staying.endpoint()));
        long start = System.nanoTime();
        CompletableFuture<Void> drained = router.traffic().drained(leaving.endpoint(), Duration.ofSeconds(20));
        CompletableFuture<Void> impatient = router.traffic().drained(leaving.endpoint(), Duration.ofMillis(200));

        assertThat(drained).isNotDone();
        assertThat(send(get(router, HOST, "/")).body()).isEqualTo("web.2");
        impatient.get(5, TimeUnit.SECONDS);
        assertThat(drained).as("max elapsed for the impatient one only").isNotDone();
        drained.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(800));
        assertThat(slow.get(5, TimeUnit.SECONDS).body()).isEqualTo("web.1");
        assertThat(router.traffic().drained(leaving.endpoint(), Duration.ofSeconds(20))).isCompleted();
    }

    @Test
    void deadInstanceIsRetriedElsewhereEjectedAndReported() throws Exception {
        Endpoint dead = new Endpoint("web.1", "127.0.0.1", RefusedPort.next());
        TestBackend live = backend("web.2");
        table.setEndpoints(HELLO, List.of(dead, live.endpoint()));
        table.setBalancing(HELLO, Balancing.ROUND_ROBIN);
        Router router = start(s -> s.withEjection(Duration.ofMillis(700), Duration.ofSeconds(5), 3));

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = send(get(router, HOST, "/"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("web.2");
        }

        EndpointFailed failure = failures.poll(5, TimeUnit.SECONDS);
        assertThat(failure.app()).isEqualTo(HELLO);
        assertThat(failure.endpoint()).isEqualTo(dead);
        assertThat(failure.reason()).contains("connection refused");
        assertThat(failures.poll(200, TimeUnit.MILLISECONDS)).as("one report per ejection").isNull();
        RouterStats.EndpointStats deadStats = endpointStats(router, "web.1");
        assertThat(deadStats.ejected()).isTrue();
        assertThat(deadStats.errors()).isEqualTo(1);
        assertThat(registry.get("slipway.router.ejections").tag("app", "hello").counter().count()).isEqualTo(1);
        assertThat(registry.get("slipway.router.retries").tag("app", "hello").counter().count()).isEqualTo(1);

        Thread.sleep(800);
        for (int i = 0; i < 4; i++) {
            assertThat(send(get(router, HOST, "/")).statusCode()).isEqualTo(200);
        }
        assertThat(failures.poll(5, TimeUnit.SECONDS)).as("tried again after the ejection, failed again")
                .isNotNull();
    }

    @Test
    void postIsNotSentToAnotherInstanceWhenTheFirstRefuses() throws Exception {
        table.setEndpoints(HELLO, List.of(new Endpoint("web.1", "127.0.0.1", RefusedPort.next()),
                backend("web.2").endpoint()));
        table.setBalancing(HELLO, Balancing.ROUND_ROBIN);
        Router router = start(s -> s);

        HttpResponse<String> response = send(get(router, HOST, "/").POST(HttpRequest.BodyPublishers.ofString("x")));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("hello").contains("web.1").contains("could not be reached");
    }

    @Test
    void appWhoseOnlyInstanceIsDeadAnswers502ThenNoHealthyInstance503() throws Exception {
        table.setEndpoints(HELLO, List.of(new Endpoint("web.1", "127.0.0.1", RefusedPort.next())));
        Router router = start(s -> s);

        assertThat(send(get(router, HOST, "/")).statusCode()).isEqualTo(502);
        HttpResponse<String> response = send(get(router, HOST, "/"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(response.body()).contains("hello").contains("No healthy instance");
    }

    @Test
    void firstByteTimeoutOfTheAppAnswers504AndRepeatedTimeoutsEject() throws Exception {
        TestBackend hanging = backend("web.1");
        table.setEndpoints(HELLO, List.of(hanging.endpoint()));
        table.setFirstByteTimeout(HELLO, Duration.ofMillis(300));
        Router router = start(s -> s.withEjection(Duration.ofSeconds(5), Duration.ofSeconds(5), 2));

        long start = System.nanoTime();
        HttpResponse<String> first = send(get(router, HOST, "/hang"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(first.statusCode()).isEqualTo(504);
        assertThat(first.body()).contains("hello").contains("did not answer in time").contains("web.1");
        assertThat(failures.poll(300, TimeUnit.MILLISECONDS)).as("one timeout is not enough").isNull();

        assertThat(send(get(router, HOST, "/hang")).statusCode()).isEqualTo(504);
        assertThat(failures.poll(5, TimeUnit.SECONDS).reason()).contains("did not answer");
        assertThat(send(get(router, HOST, "/")).statusCode()).isEqualTo(503);
    }

    @Test
    void clientThatTricklesItsHeadersIsCutOff() throws Exception {
        table.setEndpoints(HELLO, List.of(backend("web.1").endpoint()));
        Router router = start(s -> s.withHeaderTimeout(Duration.ofSeconds(1)));

        try (Socket socket = new Socket("127.0.0.1", router.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + HOST + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            long start = System.nanoTime();
            boolean cut = false;
            try {
                for (int i = 0; i < 50; i++) {
                    out.write("X-Slow: y\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    Thread.sleep(100);
                    if (socket.getInputStream().available() > 0) {
                        break;
                    }
                }
                cut = socket.getInputStream().read() < 0;
            } catch (IOException e) {
                cut = true;
            }
            assertThat(cut).as("connection closed").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void requestsLongerThanTheHeaderTimeoutAreNotCut() throws Exception {
        table.setEndpoints(HELLO, List.of(backend("web.1").endpoint()));
        Router router = start(s -> s.withHeaderTimeout(Duration.ofMillis(500)));

        HttpResponse<String> slowAnswer = send(get(router, HOST, "/slow?ms=1500"));
        HttpResponse<String> slowUpload = send(get(router, HOST, "/upload")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SlowStream(8, 200))));

        assertThat(slowAnswer.statusCode()).isEqualTo(200);
        assertThat(slowUpload.statusCode()).isEqualTo(200);
        assertThat(slowUpload.body()).endsWith(" 8");
    }

    /** Yields one byte every {@code pauseMillis}. */
    private static final class SlowStream extends InputStream {
        private int left;
        private final long pauseMillis;

        SlowStream(int bytes, long pauseMillis) {
            this.left = bytes;
            this.pauseMillis = pauseMillis;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                return -1;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            left--;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }

    @Test
    void headersOverTheLimitAnswer431() throws Exception {
        table.setEndpoints(HELLO, List.of(backend("web.1").endpoint()));
        Router router = start(s -> s.withMaxHeaderSize(4096));

        HttpResponse<String> response = send(get(router, HOST, "/").header("X-Big", "a".repeat(6000)));

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(response.body()).contains("headers are larger than 4096 bytes");
    }

    @Test
    void bodyOverTheAppsLimitAnswers413WithoutReachingTheApp() throws Exception {
        TestBackend backend = backend("web.1");
        table.setEndpoints(HELLO, List.of(backend.endpoint()));
        table.setMaxBodySize(HELLO, 1000);
        Router router = start(s -> s);

        HttpResponse<String> declared = send(get(router, HOST, "/upload")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5000])));
        HttpResponse<String> streamed = send(get(router, HOST, "/upload")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[50_000]))));
        HttpResponse<String> small = send(get(router, HOST, "/upload")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[1000]))));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("hello").contains("limit of 1000 bytes");
        assertThat(backend.requests.get()).as("refused before the app").isLessThanOrEqualTo(1);
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.body()).endsWith(" 1000");
    }

    @Test
    void aClientStillSendingWhatTheRouterRefusesReadsTheAnswer() throws Exception {
        table.setEndpoints(HELLO, List.of(backend("web.1").endpoint()));
        table.setMaxBodySize(HELLO, 1000);
        Router router = start(s -> s);
        String body = "POST /upload HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: 10000000\r\n\r\n";
        String head = "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nX-Big: ";

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(answerWhileSending(router, body)).as("attempt " + attempt)
                    .startsWith("HTTP/1.1 413").contains("limit of 1000 bytes");
            assertThat(answerWhileSending(router, head)).as("attempt " + attempt)
                    .startsWith("HTTP/1.1 431").contains("headers are larger than");
        }
    }

    /**
     * Sends {@code start} and 256 KiB more, waits for the router to have answered, sends 64 KiB
     * more, then reads the answer to the end of the connection. Had the router closed with those bytes unread, the
     * kernel would have reset the connection, and a reset throws the answer away unread.
     */
    private static String answerWhileSending(Router router, String start) throws Exception {
        return answerWhileSending(new Socket("127.0.0.1", router.port()), start);
    }

    /** {@link #answerWhileSending(Router, String)} over a connected {@code client} (TLS or not), closed after. */
    static String answerWhileSending(Socket client, String start) throws Exception {
        try (client) {
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            out.write(start.getBytes(StandardCharsets.ISO_8859_1));
            byte[] more = new byte[256 * 1024];
            Arrays.fill(more, (byte) 'a');
            out.write(more);
            out.flush();
            Thread.sleep(300);
            // Still sending after the answer: a closed socket would answer these with a reset.
            out.write(more, 0, 64 * 1024);
            out.flush();
            Thread.sleep(100);
            // To the end: the router shuts its side down (TLS: after its close_notify) once the answer is out.
            return new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void optionsChosenByTheAppApplyAtOnceAndGoBackToTheDefaults() throws Exception {
        TestBackend backend = backend("web.1");
        table.listenTo(events);
        table.setEndpoints(HELLO, List.of(backend.endpoint()));
        Router router = start(s -> s.withMaxBodySize(10_000));

        events.publish(new RouterOptionsChanged(HELLO, RouterOptions.DEFAULTS.with(RouterOption.MAX_BODY_SIZE, "1k")));
        HttpResponse<String> limited = send(get(router, HOST, "/upload")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5000])));
        events.publish(new RouterOptionsChanged(HELLO, RouterOptions.DEFAULTS));
        HttpResponse<String> back = send(get(router, HOST, "/upload")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5000])));
        HttpResponse<String> overDefault = send(get(router, HOST, "/upload")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[20_000])));

        assertThat(limited.statusCode()).isEqualTo(413);
        assertThat(limited.body()).contains("limit of 1024 bytes");
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(overDefault.statusCode()).isEqualTo(413);
        assertThat(overDefault.body()).contains("limit of 10000 bytes");
    }

    @Test
    void instanceAtItsConcurrencyCapQueuesThenAnswers503() throws Exception {
        table.setEndpoints(HELLO, List.of(backend("web.1").endpoint()));
        Router router = start(s -> s.withInstanceConcurrency(1, 1, Duration.ofMillis(400)));

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            responses.add(http.sendAsync(get(router, HOST, "/slow?ms=1500").build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> r : responses) {
            HttpResponse<String> response = r.get(10, TimeUnit.SECONDS);
            statuses.add(response.statusCode());
            if (response.statusCode() == 503) {
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                assertThat(response.body()).contains("limit of 1 requests at once");
            }
        }

        assertThat(statuses).containsExactlyInAnyOrder(200, 503, 503);
    }

    @Test
    void queuedRequestsAreServedOneAtATimeAsTheInstanceFreesUp() throws Exception {
        TestBackend backend = backend("web.1");
        table.setEndpoints(HELLO, List.of(backend.endpoint()));
        Router router = start(s -> s.withInstanceConcurrency(1, 10, Duration.ofSeconds(10)));
        List<Integer> concurrency = new CopyOnWriteArrayList<>();
        long sampler = vertx.setPeriodic(5, t -> concurrency.add(backend.inFlight.get()));

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            responses.add(http.sendAsync(get(router, HOST, "/slow?ms=150").build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> r : responses) {
            assertThat(r.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        vertx.cancelTimer(sampler);

        assertThat(concurrency).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1));
    }

    @Test
    void http2ClientWithPriorKnowledgeIsServed() throws Exception {
        TestBackend backend = backend("web.1");
        table.setEndpoints(HELLO, List.of(backend.endpoint()));
        Router router = start(s -> s);
        HttpClientAgent h2 = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
        closing.add(() -> h2.close().await());

        for (int i = 0; i < 3; i++) {
            List<Object> answer = h2.request(new RequestOptions()
                            .setServer(SocketAddress.inetSocketAddress(router.port(), "127.0.0.1"))
                            .setHost(HOST).setPort(80).setURI("/h2?x=" + i).setMethod(HttpMethod.GET))
                    .compose(r -> r.send())
                    .compose(r -> r.body().map(body -> List.<Object>of(r.version(), r.statusCode(),
                            body.toString(), String.valueOf(r.getHeader("x-request-id")))))
                    .await();
            assertThat(answer.get(0)).isEqualTo(HttpVersion.HTTP_2);
            assertThat(answer.get(1)).isEqualTo(200);
            assertThat(answer.get(2)).isEqualTo("web.1");
            assertThat((String) answer.get(3)).isNotBlank().isNotEqualTo("null");
        }
        MultiMap seen = backend.headers.poll(5, TimeUnit.SECONDS);
        assertThat(seen.get("Host")).startsWith(HOST);
        assertThat(seen.get("Via")).isEqualTo("2 slipway");
        assertThat(seen.names()).noneMatch(n -> n.startsWith(":"));
    }

    @Test
    void http2ClientThatExpectsContinueGetsItAndItsBodyThrough() throws Exception {
        table.setEndpoints(HELLO, List.of(backend("web.1").endpoint()));
        Router router = start(s -> s);
        HttpClientAgent h2 = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
        closing.add(() -> h2.close().await());
        AtomicBoolean continued = new AtomicBoolean();

        String answer = h2.request(new RequestOptions()
                        .setServer(SocketAddress.inetSocketAddress(router.port(), "127.0.0.1"))
                        .setHost(HOST).setPort(80).setURI("/upload").setMethod(HttpMethod.POST))
                .compose(request -> {
                    request.putHeader("Expect", "100-continue").putHeader("Content-Length", "11");
                    request.continueHandler(v -> {
                        continued.set(true);
                        request.end("hello world");
                    });
                    return request.sendHead().compose(v -> request.response());
                })
                .compose(r -> r.body().map(body -> r.statusCode() + " " + body))
                .await();

        assertThat(continued).isTrue();
        assertThat(answer).startsWith("200 ").endsWith(" 11");
    }

    @Test
    void http2ClientUpgradingFromHttp1IsServed() throws Exception {
        table.setEndpoints(HELLO, List.of(backend("web.1").endpoint()));
        Router router = start(s -> s);
        HttpClientAgent upgrading = vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(true));
        closing.add(() -> upgrading.close().await());

        List<Object> answer = upgrading.request(new RequestOptions()
                        .setServer(SocketAddress.inetSocketAddress(router.port(), "127.0.0.1"))
                        .setHost(HOST).setPort(80).setURI("/").setMethod(HttpMethod.GET))
                .compose(r -> r.send())
                .compose(r -> r.body().map(body -> List.<Object>of(r.version(), r.statusCode(), body.toString())))
                .await();

        assertThat(answer).containsExactly(HttpVersion.HTTP_2, 200, "web.1");
    }

    @Test
    void webSocketEchoesThroughTheRouterBothWays() throws Exception {
        table.setEndpoints(HELLO, List.of(backend("web.1").endpoint()));
        Router router = start(s -> s);
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(16 << 20));
        closing.add(() -> client.close().await());

        WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(router.port())
                .putHeader("Host", HOST).setURI("/ws")).await();
        BlockingQueue<Buffer> received = new LinkedBlockingQueue<>();
        ws.binaryMessageHandler(received::add);
        BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        ws.textMessageHandler(texts::add);

        ws.writeTextMessage("hello through the router").await();
        assertThat(texts.poll(5, TimeUnit.SECONDS)).isEqualTo("hello through the router");
        byte[] big = new byte[4 * 1024 * 1024];
        new java.util.Random(3).nextBytes(big);
        ws.writeBinaryMessage(Buffer.buffer(big)).await();
        Buffer echoed = received.poll(10, TimeUnit.SECONDS);
        assertThat(echoed.getBytes()).isEqualTo(big);
        assertThat(router.stats().inFlight()).as("the tunnel is a request in flight").isEqualTo(1);

        ws.close().await();
        awaitTrue(() -> router.stats().inFlight() == 0);
    }

    @Test
    void customAndWildcardDomainsAreRoutedAndCanBeRemoved() throws Exception {
        table.setEndpoints(HELLO, List.of(backend("web.1").endpoint()));
        table.addDomain(HELLO, "www.example.org");
        table.addDomain(HELLO, "*.agent.example");
        Router router = start(s -> s);

        assertThat(send(get(router, "WWW.example.org", "/")).body()).isEqualTo("web.1");
        assertThat(send(get(router, "shop.agent.example:8080", "/")).body()).isEqualTo("web.1");

        table.removeDomain(HELLO, "*.agent.example");
        HttpResponse<String> gone = send(get(router, "shop.agent.example", "/"));
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("shop.agent.example");
    }

    @Test
    void hopByHopHeadersStayOnTheirHop() throws Exception {
        TestBackend backend = backend("web.1");
        table.setEndpoints(HELLO, List.of(backend.endpoint()));
        Router router = start(s -> s);

        String response = raw(router, "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: X-Secret, close\r\n"
                + "X-Secret: s\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\nUpgrade: foo/2\r\nProxy-Connection: x\r\n"
                + "Proxy-Authorization: Basic eA==\r\nVia: 1.1 corp-proxy\r\nX-Kept: yes\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200");
        MultiMap seen = backend.headers.poll(5, TimeUnit.SECONDS);
        assertThat(seen.names()).map(String::toLowerCase).doesNotContain("x-secret", "keep-alive", "te", "upgrade",
                "proxy-connection", "proxy-authorization", "connection");
        assertThat(seen.get("X-Kept")).isEqualTo("yes");
        assertThat(seen.getAll("Via")).containsExactly("1.1 corp-proxy", "1.1 slipway");
    }

    @Test
    void statsAndMetricsCountRequestsPerAppAndInstance() throws Exception {
        table.setEndpoints(HELLO, List.of(backend("web.1").endpoint()));
        table.addDomain(HELLO, "www.example.org");
        Router router = start(s -> s);
        for (int i = 0; i < 5; i++) {
            send(get(router, HOST, "/"));
        }
        send(get(router, "nobody." + DOMAIN, "/"));

        RouterStats stats = router.stats();
        RouterStats.AppStats app = stats.apps().stream().filter(a -> a.app().equals("hello")).findFirst().orElseThrow();
        assertThat(app.requests()).isEqualTo(5);
        assertThat(app.responses()).containsEntry("2xx", 5L);
        assertThat(app.domains()).containsExactly("www.example.org");
        assertThat(app.endpoints()).singleElement().satisfies(e -> {
            assertThat(e.instance()).isEqualTo("web.1");
            assertThat(e.requests()).isEqualTo(5);
            assertThat(e.inFlight()).isZero();
            assertThat(e.ejected()).isFalse();
        });
        JsonObject json = stats.toJson();
        assertThat(json.getString("transport")).isEqualTo(IoTransport.parse(System.getProperty("slipway.transport",
                "auto")).resolve().label());
        assertThat(json.getJsonArray("apps").getJsonObject(0).getJsonArray("endpoints").getJsonObject(0)
                .getString("instance")).isEqualTo("web.1");
        assertThat(registry.get("slipway.router.requests").tag("app", "hello").tag("status", "2xx").timer().count())
                .isEqualTo(5);
        assertThat(registry.get("slipway.router.requests").tag("app", "-").tag("status", "4xx").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("slipway.router.in.flight").tag("app", "hello").gauge().value()).isZero();
    }

    @Test
    void everyRequestLeavesOneJsonLineInTheAccessLog() throws Exception {
        table.setEndpoints(HELLO, List.of(backend("web.1").endpoint()));
        Router router = start(s -> s);
        Logger access = (Logger) LoggerFactory.getLogger("slipway.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        closing.add(() -> access.detachAppender(lines));

        send(get(router, HOST, "/some/path?secret=1").header("X-Request-Id", "trace-42"));
        send(get(router, "nobody." + DOMAIN, "/"));

        awaitTrue(() -> lines.list.size() >= 2);
        Map<String, JsonObject> byId = new HashMap<>();
        for (ILoggingEvent line : lines.list) {
            JsonObject json = new JsonObject(line.getFormattedMessage());
            byId.put(json.getString("request_id"), json);
        }
        JsonObject served = byId.get("trace-42");
        assertThat(served.getString("app")).isEqualTo("hello");
        assertThat(served.getString("instance")).isEqualTo("web.1");
        assertThat(served.getString("method")).isEqualTo("GET");
        assertThat(served.getString("path")).isEqualTo("/some/path");
        assertThat(served.getInteger("status")).isEqualTo(200);
        assertThat(served.getLong("bytes_out")).isEqualTo(5);
        assertThat(served.getDouble("duration_ms")).isPositive();
        assertThat(served.getDouble("upstream_ms")).isPositive();
        assertThat(served.getString("client")).isEqualTo("127.0.0.1");
        JsonObject unknown = lines.list.stream().map(l -> new JsonObject(l.getFormattedMessage()))
                .filter(j -> j.getInteger("status") == 404).findFirst().orElseThrow();
        assertThat(unknown.getString("host")).isEqualTo("nobody." + DOMAIN);
        assertThat(unknown.getString("error")).contains("No app");
    }

    @Test
    void routerStartsInUnderASecond() {
        table.setEndpoints(HELLO, List.of(new Endpoint("web.1", "127.0.0.1", 1)));
        long start = System.nanoTime();
        start(s -> s);
        // Generous against a loaded test machine; the figure itself goes in the log.
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LoggerFactory.getLogger(RouterIT.class).info("router started in {} ms", took.toMillis());
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    private Router start(UnaryOperator<RouterSettings> settings) {
        Router router = Router.start(vertx, settings.apply(RouterSettings.of("127.0.0.1", 0)), table, events, registry)
                .await();
        closing.add(router);
        return router;
    }

    private TestBackend backend(String name) {
        TestBackend backend = TestBackend.start(vertx, name);
        closing.add(backend);
        return backend;
    }

    private static HttpRequest.Builder get(Router router, String host, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port() + path)).header("Host", host)
                .timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static RouterStats.EndpointStats endpointStats(Router router, String instance) {
        return router.stats().apps().stream().flatMap(a -> a.endpoints().stream())
                .filter(e -> e.instance().equals(instance)).findFirst().orElseThrow();
    }

    private static String raw(Router router, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", router.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }


    static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}

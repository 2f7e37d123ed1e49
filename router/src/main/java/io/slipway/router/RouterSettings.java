package io.slipway.router;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where the router listens, how long it waits, and how it protects itself and the instances.
 * Immutable: change a copy with the {@code withX} methods. Per-app values (body size, first-byte
 * timeout, balancing, HTTPS redirect) live in the {@link RouteTable}; these are the defaults.
 */
public final class RouterSettings {

    private String host;
    private int port;
    private int httpsPort = -1;
    private Path certificates;
    private Duration certificateReload = Duration.ofSeconds(10);
    private Duration connectTimeout;
    private Duration firstByteTimeout;
    private Duration headerTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(120);
    private Duration upstreamKeepAlive = Duration.ofSeconds(4);
    private int maxHeaderSize = 16 * 1024;
    private long maxBodySize = 1L << 30;
    private int instanceConcurrency = 1024;
    private int queueSize = 1024;
    private Duration queueTimeout = Duration.ofSeconds(10);
    private Duration ejectionBase = Duration.ofSeconds(2);
    private Duration ejectionMax = Duration.ofSeconds(60);
    private int timeoutsBeforeEjection = 3;
    private int maxAttempts = 3;
    private int eventLoops = Runtime.getRuntime().availableProcessors();

    /** {@code responseTimeout} is the default time-to-first-byte limit, answered with 504. */
    public RouterSettings(String host, int port, Duration connectTimeout, Duration responseTimeout) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.firstByteTimeout = Objects.requireNonNull(responseTimeout, "responseTimeout");
    }

    public static RouterSettings of(String host, int port) {
        return new RouterSettings(host, port, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    private RouterSettings copy() {
        RouterSettings c = new RouterSettings(host, port, connectTimeout, firstByteTimeout);
        c.httpsPort = httpsPort;
        c.certificates = certificates;
        c.certificateReload = certificateReload;
        c.headerTimeout = headerTimeout;
        c.idleTimeout = idleTimeout;
        c.upstreamKeepAlive = upstreamKeepAlive;
        c.maxHeaderSize = maxHeaderSize;
        c.maxBodySize = maxBodySize;
        c.instanceConcurrency = instanceConcurrency;
        c.queueSize = queueSize;
        c.queueTimeout = queueTimeout;
        c.ejectionBase = ejectionBase;
        c.ejectionMax = ejectionMax;
        c.timeoutsBeforeEjection = timeoutsBeforeEjection;
        c.maxAttempts = maxAttempts;
        c.eventLoops = eventLoops;
        return c;
    }

    /**
     * Also listen for HTTPS on {@code port} (0: any free port), with a certificate per domain read
     * from {@code certificates}: {@code <domain>.crt} and {@code <domain>.key} in PEM,
     * {@code _wildcard.example.com.crt} for {@code *.example.com}. Files added later are picked up.
     */
    public RouterSettings withHttps(int port, Path certificates) {
        RouterSettings c = copy();
        c.httpsPort = port;
        c.certificates = Objects.requireNonNull(certificates, "certificates");
        return c;
    }

    /** How often the certificates directory is looked at for new or changed files. */
    public RouterSettings withCertificateReload(Duration every) {
        RouterSettings c = copy();
        c.certificateReload = positive(every, "certificateReload");
        return c;
    }

    public RouterSettings withConnectTimeout(Duration timeout) {
        RouterSettings c = copy();
        c.connectTimeout = positive(timeout, "connectTimeout");
        return c;
    }

    /** Default time an instance has to send the first byte of its response (Heroku's 30 s rule). */
    public RouterSettings withFirstByteTimeout(Duration timeout) {
        RouterSettings c = copy();
        c.firstByteTimeout = positive(timeout, "firstByteTimeout");
        return c;
    }

    /** Time a client has to send a complete request head on a new connection (slowloris). */
    public RouterSettings withHeaderTimeout(Duration timeout) {
        RouterSettings c = copy();
        c.headerTimeout = positive(timeout, "headerTimeout");
        return c;
    }

    /**
     * How long bytes may stop moving: between two requests on a kept-alive client connection, in
     * an upload or a response once it flows (408 or a cut response), and in a WebSocket. Waiting
     * for an instance's first byte has its own limit ({@link #withFirstByteTimeout}).
     */
    public RouterSettings withIdleTimeout(Duration timeout) {
        RouterSettings c = copy();
        c.idleTimeout = positive(timeout, "idleTimeout");
        return c;
    }

    /**
     * How long an idle connection to an instance is kept for reuse. Shorter than the keep-alive
     * timeouts of common app servers (Node's 5 s), so the router seldom reuses one being closed.
     */
    public RouterSettings withUpstreamKeepAlive(Duration keepAlive) {
        RouterSettings c = copy();
        c.upstreamKeepAlive = positive(keepAlive, "upstreamKeepAlive");
        return c;
    }

    /** Largest request head (request line and headers) in bytes; beyond it the client gets 431. */
    public RouterSettings withMaxHeaderSize(int bytes) {
        RouterSettings c = copy();
        c.maxHeaderSize = (int) atLeast(bytes, 1024, "maxHeaderSize");
        return c;
    }

    /** Default largest request body in bytes; beyond it the client gets 413. */
    public RouterSettings withMaxBodySize(long bytes) {
        RouterSettings c = copy();
        c.maxBodySize = atLeast(bytes, 0, "maxBodySize");
        return c;
    }

    /**
     * At most {@code concurrency} requests in flight to one instance; beyond that up to
     * {@code queueSize} requests per app wait up to {@code queueTimeout}, then get 503.
     */
    public RouterSettings withInstanceConcurrency(int concurrency, int queueSize, Duration queueTimeout) {
        RouterSettings c = copy();
        c.instanceConcurrency = (int) atLeast(concurrency, 1, "concurrency");
        c.queueSize = (int) atLeast(queueSize, 0, "queueSize");
        c.queueTimeout = positive(queueTimeout, "queueTimeout");
        return c;
    }

    /**
     * An instance that refuses connections (or times out {@code timeouts} times in a row) is
     * left out for {@code base}, doubled on each ejection in a row, at most {@code max}.
     */
    public RouterSettings withEjection(Duration base, Duration max, int timeouts) {
        RouterSettings c = copy();
        c.ejectionBase = positive(base, "ejectionBase");
        c.ejectionMax = positive(max, "ejectionMax");
        c.timeoutsBeforeEjection = (int) atLeast(timeouts, 1, "timeouts");
        return c;
    }

    /** How many instances a request may try when connections fail (idempotent requests only). */
    public RouterSettings withMaxAttempts(int attempts) {
        RouterSettings c = copy();
        c.maxAttempts = (int) atLeast(attempts, 1, "maxAttempts");
        return c;
    }

    /** How many event loops serve traffic (one server and one client pool each). */
    public RouterSettings withEventLoops(int loops) {
        RouterSettings c = copy();
        c.eventLoops = (int) atLeast(loops, 1, "eventLoops");
        return c;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public OptionalInt httpsPort() {
        return httpsPort < 0 ? OptionalInt.empty() : OptionalInt.of(httpsPort);
    }

    public Optional<Path> certificates() {
        return Optional.ofNullable(certificates);
    }

    public Duration certificateReload() {
        return certificateReload;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration firstByteTimeout() {
        return firstByteTimeout;
    }

    /** The default first-byte timeout, under its older name. */
    public Duration responseTimeout() {
        return firstByteTimeout;
    }

    public Duration headerTimeout() {
        return headerTimeout;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Duration upstreamKeepAlive() {
        return upstreamKeepAlive;
    }

    public int maxHeaderSize() {
        return maxHeaderSize;
    }

    public long maxBodySize() {
        return maxBodySize;
    }

    public int instanceConcurrency() {
        return instanceConcurrency;
    }

    public int queueSize() {
        return queueSize;
    }

    public Duration queueTimeout() {
        return queueTimeout;
    }

    public Duration ejectionBase() {
        return ejectionBase;
    }

    public Duration ejectionMax() {
        return ejectionMax;
    }

    public int timeoutsBeforeEjection() {
        return timeoutsBeforeEjection;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public int eventLoops() {
        return eventLoops;
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }

    private static long atLeast(long value, long min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "RouterSettings[" + host + ":" + port + (httpsPort >= 0 ? ", https " + httpsPort : "")
                + ", loops " + eventLoops + ", first byte " + firstByteTimeout + "]";
    }
}

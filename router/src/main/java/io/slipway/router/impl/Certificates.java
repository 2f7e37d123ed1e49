package io.slipway.router.impl;

import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS certificates, one per domain, read from a directory: {@code <domain>.crt} and
 * {@code <domain>.key} (PEM); {@code _wildcard.example.com.crt} serves {@code *.example.com}.
 * The directory is looked at on a timer; a change becomes a new {@link Snapshot} that the
 * listeners switch to without a restart. A pair that does not load is skipped with a warning.
 */
public final class Certificates implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Certificates.class);
    private static final String WILDCARD = "_wildcard.";

    private final Vertx vertx;
    private final Path dir;
    private volatile Snapshot current;
    private volatile String fingerprint = "";
    private long timer = -1;
    private volatile Consumer<Snapshot> changed = s -> { };

    private Certificates(Vertx vertx, Path dir) {
        this.vertx = vertx;
        this.dir = dir;
    }

    /** Loads the directory now (blocking: call it off the event loop). */
    public static Certificates load(Vertx vertx, Path dir) {
        Certificates certificates = new Certificates(vertx, dir);
        certificates.fingerprint = certificates.fingerprint();
        certificates.current = certificates.read();
        return certificates;
    }

    public Snapshot current() {
        return current;
    }

    /**
     * Looks at the directory every {@code periodMillis}, and at once on {@link #refresh()};
     * {@code changed} gets each new snapshot.
     */
    public void watch(long periodMillis, Consumer<Snapshot> changed) {
        this.changed = changed;
        timer = vertx.setPeriodic(periodMillis, periodMillis, t -> refresh());
    }

    /** Looks at the directory now (someone just wrote to it) instead of at the next tick. */
    public void refresh() {
        Consumer<Snapshot> listener = changed;
        vertx.executeBlocking(this::reread, false).onSuccess(next -> {
            if (next != null) {
                log.info("HTTPS certificates reloaded from {}: {}", dir, next.domains());
                listener.accept(current);
            }
        }).onFailure(e -> log.warn("reading HTTPS certificates from {} failed: {}", dir, e.toString()));
    }

    /** The new snapshot, or null when nothing changed; one caller at a time, so the newest read wins. */
    private synchronized Snapshot reread() {
        String now = fingerprint();
        if (now.equals(fingerprint)) {
            return null;
        }
        fingerprint = now;
        Snapshot next = read();
        current = next;
        return next;
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Names, sizes and modification times: cheap to compute, changes when a file does. */
    private String fingerprint() {
        if (!Files.isDirectory(dir)) {
            return "";
        }
        try (Stream<Path> files = Files.list(dir)) {
            StringBuilder all = new StringBuilder();
            files.filter(f -> f.toString().endsWith(".crt") || f.toString().endsWith(".key")).sorted().forEach(f -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    all.append(f.getFileName()).append(':').append(a.size()).append(':')
                            .append(a.lastModifiedTime().toMillis()).append('\n');
                } catch (IOException e) {
                    all.append(f.getFileName()).append(":?\n");
                }
            });
            return all.toString();
        } catch (IOException e) {
            return "unreadable: " + e;
        }
    }

    private Snapshot read() {
        Map<String, KeyManagerFactory> exact = new HashMap<>();
        Map<String, KeyManagerFactory> wildcards = new HashMap<>();
        TreeMap<String, KeyManagerFactory> all = new TreeMap<>();
        List<Path> certs = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".crt")).sorted().forEach(certs::add);
            } catch (IOException e) {
                log.warn("cannot list HTTPS certificates in {}: {}", dir, e.toString());
            }
        }
        for (Path cert : certs) {
            String file = cert.getFileName().toString();
            String name = file.substring(0, file.length() - ".crt".length()).toLowerCase();
            Path key = cert.resolveSibling(file.substring(0, file.length() - ".crt".length()) + ".key");
            if (!Files.isRegularFile(key)) {
                log.warn("HTTPS certificate {} has no key {}; skipped", cert, key.getFileName());
                continue;
            }
            try {
                KeyManagerFactory factory = new PemKeyCertOptions().setCertPath(cert.toString())
                        .setKeyPath(key.toString()).getKeyManagerFactory(vertx);
                if (name.startsWith(WILDCARD)) {
                    wildcards.put(name.substring(WILDCARD.length()), factory);
                    all.put("*." + name.substring(WILDCARD.length()), factory);
                } else {
                    exact.put(name, factory);
                    all.put(name, factory);
                }
            } catch (Exception e) {
                log.warn("HTTPS certificate {} does not load; skipped: {}", cert, e.toString());
            }
        }
        return new Snapshot(exact, wildcards, all.isEmpty() ? empty() : all.firstEntry().getValue(),
                List.copyOf(all.keySet()));
    }

    /** A key manager with no key: handshakes for names without a certificate fail, the listener still starts. */
    private static KeyManagerFactory empty() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, new char[0]);
            return factory;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make an empty key store", e);
        }
    }

    /**
     * The certificates at one moment, as Vert.x key options: SNI picks the exact name, else the
     * wildcard one label up; a client without SNI gets the first certificate by name.
     */
    public static final class Snapshot implements KeyCertOptions {

        private final Map<String, KeyManagerFactory> exact;
        private final Map<String, KeyManagerFactory> wildcards;
        private final KeyManagerFactory fallback;
        private final List<String> domains;

        Snapshot(Map<String, KeyManagerFactory> exact, Map<String, KeyManagerFactory> wildcards,
                 KeyManagerFactory fallback, List<String> domains) {
            this.exact = Map.copyOf(exact);
            this.wildcards = Map.copyOf(wildcards);
            this.fallback = fallback;
            this.domains = domains;
        }

        public List<String> domains() {
            return domains;
        }

        KeyManagerFactory forServerName(String serverName) {
            String name = Domains.normalize(serverName);
            KeyManagerFactory found = exact.get(name);
            if (found == null) {
                int dot = name.indexOf('.');
                found = dot > 0 ? wildcards.get(name.substring(dot + 1)) : null;
            }
            return found;
        }

        @Override
        public KeyCertOptions copy() {
            return this;
        }

        @Override
        public KeyManagerFactory getKeyManagerFactory(Vertx vertx) {
            return fallback;
        }

        @Override
        public Function<String, KeyManagerFactory> keyManagerFactoryMapper(Vertx vertx) {
            return this::forServerName;
        }
    }
}

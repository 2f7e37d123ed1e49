package io.slipway.receiver.tls;

import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTPS certificates in the data dir, as the router reads them: {@code DOMAIN.crt} and
 * {@code DOMAIN.key} (PEM), {@code _wildcard.example.com.*} for {@code *.example.com}. A file is
 * replaced by renaming a complete one over it, so the router never reads half a certificate;
 * keys are readable by the platform's user only.
 */
public final class CertificateFiles {

    private static final String WILDCARD = "_wildcard.";

    private final Path dir;
    private final String platformDomain;
    private final boolean served;

    /** {@code served}: whether the platform runs an HTTPS listener that uses these files. */
    public CertificateFiles(Path dir, String platformDomain, boolean served) {
        this.dir = dir;
        this.platformDomain = platformDomain;
        this.served = served;
    }

    public boolean served() {
        return served;
    }

    /** The platform's domain: every app answers at {@code APP.} this. */
    public String platformDomain() {
        return platformDomain;
    }

    /** The names an app answers at: {@code APP.DOMAIN}, then its custom and wildcard domains. */
    public List<String> hosts(AppName app, List<String> domains) {
        List<String> hosts = new ArrayList<>();
        hosts.add(app.value() + "." + platformDomain);
        hosts.addAll(domains);
        return hosts;
    }

    /** A certificate the router would serve for a host. */
    public record Installed(String domain, List<String> names, Instant expiresAt, String issuer) {
    }

    /**
     * Installs the bundle for each of {@code hosts} its certificate covers, and returns those.
     *
     * @throws InvalidInputException when it covers none of them; nothing is written then
     */
    public List<String> add(AppName app, List<String> hosts, CertificateBundle bundle) {
        List<String> names = CertificateBundle.names(bundle.leaf());
        List<String> covered = hosts.stream()
                .filter(host -> names.stream().anyMatch(name -> CertificateBundle.covers(name, host))).toList();
        if (covered.isEmpty()) {
            throw new InvalidInputException("the certificate is for " + String.join(", ", names) + ", none of "
                    + app + "'s domains (" + String.join(", ", hosts) + "); add the domain first (domains:add "
                    + app + " DOMAIN) or send a certificate for one of them");
        }
        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            for (String host : covered) {
                staged.put(stage(file(host, ".key"), bundle.keyPem(), "rw-------"), file(host, ".key"));
                staged.put(stage(file(host, ".crt"), bundle.chainPem(), "rw-r--r--"), file(host, ".crt"));
            }
            for (Map.Entry<Path, Path> e : staged.entrySet()) {
                Files.move(e.getKey(), e.getValue(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            staged.keySet().forEach(CertificateFiles::deleteQuietly);
            throw new UncheckedIOException("cannot write HTTPS certificates to " + dir, e);
        }
        return covered;
    }

    /** The certificates installed for {@code hosts}, in that order. */
    public List<Installed> list(List<String> hosts) {
        List<Installed> installed = new ArrayList<>();
        for (String host : hosts) {
            read(file(host, ".crt")).ifPresent(c -> installed.add(new Installed(host, CertificateBundle.names(c),
                    c.getNotAfter().toInstant(), CertificateBundle.commonName(c.getIssuerX500Principal().getName())
                    .orElse(c.getIssuerX500Principal().getName()))));
        }
        return installed;
    }

    /** Removes the host's certificate and key; false when it had none. */
    public boolean remove(String host) {
        try {
            boolean had = Files.deleteIfExists(file(host, ".crt"));
            return Files.deleteIfExists(file(host, ".key")) || had;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the HTTPS certificate of " + host + " from " + dir, e);
        }
    }

    private Path file(String host, String extension) {
        return dir.resolve((host.startsWith("*.") ? WILDCARD + host.substring(2) : host) + extension);
    }

    /** A complete copy beside the target, named so that the router ignores it. */
    private static Path stage(Path target, String content, String permissions) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        return temp;
    }

    private static Optional<X509Certificate> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        } catch (IOException | CertificateException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing was moved into place; the temporary file is ignored by the router
        }
    }
}

package io.slipway.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;

/**
 * The host's trusted CAs as one PEM bundle, with anything added under
 * {@code /usr/local/share/ca-certificates}: builds and buildpack apps trust what the host trusts,
 * so they work behind a TLS-intercepting proxy.
 */
public final class HostCaBundle {

    /** Where Debian (the stacks), Alpine and most TLS clients look for the bundle. */
    public static final String IN_CONTAINER = "/etc/ssl/certs/ca-certificates.crt";

    private static final List<String> ON_HOST = List.of(
            IN_CONTAINER, "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem");

    private HostCaBundle() {
    }

    /** {@code SSL_CERT_FILE} when it names a readable file, else the first bundle the host has. */
    public static Optional<Path> find() {
        String configured = System.getenv("SSL_CERT_FILE");
        if (configured != null && Files.isReadable(Path.of(configured))) {
            return Optional.of(Path.of(configured));
        }
        return ON_HOST.stream().map(Path::of).filter(Files::isReadable).findFirst();
    }

    /** Whether every user may read {@code bundle} (a file mounted into a container keeps its mode). */
    public static boolean readableByAll(Path bundle) {
        try {
            return Files.getPosixFilePermissions(bundle).contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}

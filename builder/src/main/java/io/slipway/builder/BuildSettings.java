package io.slipway.builder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where the builder finds its stacks and how much a build may take. */
public record BuildSettings(String buildImage, String runImage, Path tempDir, long memoryBytes,
                            long timeoutSeconds, Optional<Path> caBundle) {

    private static final List<String> CA_BUNDLES = List.of(
            "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem");

    public static BuildSettings defaults(Path tempDir) {
        return new BuildSettings("slipway/stack-build:latest", "slipway/stack-run:latest", tempDir,
                4L << 30, 15 * 60, hostCaBundle());
    }

    /** The host's trusted CAs (including ones added under /usr/local/share/ca-certificates). */
    static Optional<Path> hostCaBundle() {
        String configured = System.getenv("SSL_CERT_FILE");
        if (configured != null && Files.isReadable(Path.of(configured))) {
            return Optional.of(Path.of(configured));
        }
        return CA_BUNDLES.stream().map(Path::of).filter(Files::isReadable).findFirst();
    }
}

package io.slipway.daemon;

import io.slipway.router.IoTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How one daemon is started: where its state lives and where it listens. Port 0 = any free port.
 * {@code transport}: the network transport under its event loops.
 */
public record Settings(Path dataDir, String bindHost, int sshPort, int httpPort, int adminPort, String domain,
                       Optional<Path> adminKey, Path buildpacksDir, Duration bootTimeout, int httpsPort,
                       IoTransport transport) {

    /** On the transport {@link IoTransport#AUTO} picks. */
    public Settings(Path dataDir, String bindHost, int sshPort, int httpPort, int adminPort, String domain,
                    Optional<Path> adminKey, Path buildpacksDir, Duration bootTimeout, int httpsPort) {
        this(dataDir, bindHost, sshPort, httpPort, adminPort, domain, adminKey, buildpacksDir, bootTimeout, httpsPort,
                IoTransport.AUTO);
    }

    /** Without an HTTPS listener ({@code httpsPort} -1). */
    public Settings(Path dataDir, String bindHost, int sshPort, int httpPort, int adminPort, String domain,
                    Optional<Path> adminKey, Path buildpacksDir, Duration bootTimeout) {
        this(dataDir, bindHost, sshPort, httpPort, adminPort, domain, adminKey, buildpacksDir, bootTimeout, -1);
    }

    public Settings withPorts(int ssh, int http, int admin) {
        return new Settings(dataDir, bindHost, ssh, http, admin, domain, adminKey, buildpacksDir, bootTimeout, httpsPort,
                transport);
    }

    public Settings withHttpsPort(int https) {
        return new Settings(dataDir, bindHost, sshPort, httpPort, adminPort, domain, adminKey, buildpacksDir, bootTimeout, https,
                transport);
    }
}

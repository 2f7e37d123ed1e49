package io.slipway.daemon;

import io.slipway.router.IoTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar slipway.jar [options]}: runs the platform in the foreground. */
@Command(name = "slipway", mixinStandardHelpOptions = true, version = "slipway 0.1.0",
        description = "Runs the Slipway platform in the foreground.")
public final class Main implements Callable<Integer> {

    @Option(names = "--data-dir", description = "State directory (default: $SLIPWAY_HOME, else ~/.slipway).")
    Path dataDir;

    @Option(names = "--ssh-port", defaultValue = "2222", description = "SSH (git and commands) port (default: ${DEFAULT-VALUE}).")
    int sshPort;

    @Option(names = "--http-port", defaultValue = "8080", description = "Router port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--admin-port", defaultValue = "8090", description = "Admin HTTP port (default: ${DEFAULT-VALUE}).")
    int adminPort;

    @Option(names = "--domain", defaultValue = "localhost", description = "Apps answer at APP.DOMAIN (default: ${DEFAULT-VALUE}).")
    String domain;

    @Option(names = "--admin-key", description = "Authorize this OpenSSH public key file as an admin.")
    Path adminKey;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bindHost;

    @Option(names = "--buildpacks-dir", description = "The bundled buildpacks (default: buildpacks/ beside the jar's project).")
    Path buildpacksDir;

    @Option(names = "--https-port", defaultValue = "-1", description = "Also serve HTTPS here, with certificates from DATA/certs (DOMAIN.crt, DOMAIN.key).")
    int httpsPort;

    @Option(names = "--boot-timeout", defaultValue = "60", description = "Seconds a new instance has to answer on $PORT (default: ${DEFAULT-VALUE}).")
    int bootTimeoutSeconds;

    @Option(names = "--transport", defaultValue = "auto", description = "Network transport: auto (io_uring where the"
            + " kernel allows it, else epoll, else NIO), io_uring, epoll or nio (default: ${DEFAULT-VALUE}).")
    String transport;

    @Override
    public Integer call() throws Exception {
        Settings settings = new Settings(dataDir(), bindHost, sshPort, httpPort, adminPort, domain,
                Optional.ofNullable(adminKey), buildpacksDir(), Duration.ofSeconds(bootTimeoutSeconds), httpsPort,
                IoTransport.parse(transport));
        Slipway slipway = Slipway.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            slipway.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println(slipway.readyLine());
        System.out.flush();
        stopped.await();
        return 0;
    }

    private Path dataDir() {
        if (dataDir != null) {
            return dataDir;
        }
        String home = System.getenv("SLIPWAY_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".slipway");
    }

    private Path buildpacksDir() throws Exception {
        if (buildpacksDir != null) {
            return buildpacksDir;
        }
        // The jar lives at <project>/daemon/target/slipway.jar; the buildpacks at <project>/buildpacks.
        Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getParent().getParent().resolve("buildpacks");
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            System.err.println("error: " + (e.getMessage() == null ? e : e.getMessage()));
            return 1;
        });
        int code = cli.execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}

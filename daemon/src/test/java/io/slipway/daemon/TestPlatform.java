package io.slipway.daemon;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real platform for all integration tests in this JVM: the daemon on OS-assigned ports (HTTP
 * and HTTPS) with a temporary data dir, an admin key and a stranger's key made with ssh-keygen, and a home dir
 * that isolates git and ssh from the machine's config. Closed, with every container, image and
 * volume the tests' apps made, when the test run ends.
 */
final class TestPlatform implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final Path root;
    final Path home;
    final Path adminKey;
    final Path strangerKey;
    volatile Slipway slipway;
    private final Settings settings;
    final DockerClient docker = DockerClients.connect();

    private TestPlatform(Path root) throws IOException {
        this.root = root;
        this.home = Files.createDirectories(root.resolve("home"));
        this.adminKey = keygen("admin");
        this.strangerKey = keygen("stranger");
        Path project = Path.of(System.getProperty("slipway.root", "..")).toAbsolutePath().normalize();
        Settings initial = new Settings(root.resolve("data"), "127.0.0.1", 0, 0, 0, "localhost",
                Optional.of(Path.of(adminKey + ".pub")), project.resolve("buildpacks"), Duration.ofSeconds(20), 0);
        this.slipway = Slipway.start(initial);
        this.settings = initial.withPorts(slipway.sshPort(), slipway.httpPort(), slipway.adminPort())
                .withHttpsPort(slipway.httpsPort());
    }

    /** Stops the daemon (its apps' instances keep running) and starts it again on the same ports. */
    void restartDaemon() throws IOException {
        slipway.close();
        slipway = Slipway.start(settings);
    }

    /** {@code ssh -p PORT git@127.0.0.1 COMMAND...} with the given key, as a user would run it. */
    Shell.Result ssh(Path key, String... command) {
        return Shell.run(root, Map.of("HOME", home.toString()), sshLine(key, command));
    }

    /** The same with {@code stdin} fed to the command (keys:add reads the key from it). */
    Shell.Result sshWithInput(Path key, Path stdin, String... command) {
        java.util.List<String> line = new java.util.ArrayList<>(List.of("sh", "-c", "exec \"$@\" < \"$0\"", stdin.toString()));
        line.addAll(sshLine(key, command));
        return Shell.run(root, Map.of("HOME", home.toString()), line);
    }

    private java.util.List<String> sshLine(Path key, String... command) {
        java.util.List<String> line = new java.util.ArrayList<>(sshCommand(key));
        line.addAll(java.util.List.of("-p", String.valueOf(slipway.sshPort()), "git@127.0.0.1"));
        line.addAll(java.util.List.of(command));
        return line;
    }

    Shell.Result ssh(String... command) {
        return ssh(adminKey, command);
    }

    /** The shared platform, started on first use. */
    static TestPlatform get(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TestPlatform.class, k -> {
                    try {
                        return new TestPlatform(Files.createTempDirectory("slipway-it"));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, TestPlatform.class);
    }

    static Path project() {
        return Path.of(System.getProperty("slipway.root", "..")).toAbsolutePath().normalize();
    }

    Path keygen(String name) {
        Path key = home.resolve(".ssh").resolve(name);
        try {
            Files.createDirectories(key.getParent());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Shell.ok(root, Map.of(), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name + "@test", "-f", key.toString());
        return key;
    }

    /** Environment for git and ssh: this platform's port, the given key, no machine config. */
    Map<String, String> gitEnv(Path key) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_AUTHOR_NAME", "Test");
        env.put("GIT_AUTHOR_EMAIL", "test@example.com");
        env.put("GIT_COMMITTER_NAME", "Test");
        env.put("GIT_COMMITTER_EMAIL", "test@example.com");
        env.put("GIT_SSH_COMMAND", String.join(" ", sshCommand(key)));
        return env;
    }

    List<String> sshCommand(Path key) {
        return List.of("ssh", "-i", key.toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR");
    }

    String remote(String app) {
        return "ssh://git@127.0.0.1:" + slipway.sshPort() + "/" + app + ".git";
    }

    /** A copy of a sample app under samples/, as a fresh git repository with one commit. */
    Path sampleRepo(String sample, String name) {
        Path dir = root.resolve("work").resolve(name);
        copyTree(project().resolve("samples").resolve(sample), dir);
        Map<String, String> env = gitEnv(adminKey);
        Shell.ok(dir, env, "git", "init", "-q", "-b", "master");
        Shell.ok(dir, env, "git", "add", "-A");
        Shell.ok(dir, env, "git", "commit", "-q", "-m", "first");
        return dir;
    }

    /** A copy of a fixture under src/test/resources/fixtures as a git repository with one commit. */
    Path fixtureRepo(String fixture, String name) {
        Path dir = root.resolve("work").resolve(name);
        copyTree(Path.of("src/test/resources/fixtures").resolve(fixture).toAbsolutePath(), dir);
        Map<String, String> env = gitEnv(adminKey);
        Shell.ok(dir, env, "git", "init", "-q", "-b", "master");
        Shell.ok(dir, env, "git", "add", "-A");
        Shell.ok(dir, env, "git", "commit", "-q", "-m", "first");
        return dir;
    }

    /** GET through the router with the app's host name, and headers as name, value, ... */
    HttpResponse<String> get(String app, String path, String... headers) throws IOException, InterruptedException {
        return getHost(app + ".localhost", path, headers);
    }

    /** GET through the router with any host name, and headers as name, value, ... */
    HttpResponse<String> getHost(String host, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + slipway.httpPort() + path))
                .header("Host", host + ":" + slipway.httpPort())
                .timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POST of an HTML form's fields through the router with the app's host name, and headers as name, value, ... */
    HttpResponse<String> postForm(String app, String path, String form, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + slipway.httpPort() + path))
                .header("Host", app + ".localhost:" + slipway.httpPort())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The app's URL as a browser on this machine has it, for an Origin header. */
    String origin(String app) {
        return "http://" + app + ".localhost:" + slipway.httpPort();
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                String relative = "/" + from.relativize(p) + "/";
                if (relative.contains("/node_modules/") || relative.contains("/target/") || relative.contains("/vendor/")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Apps the tests made; only their containers and images are removed at the end. */
    private final java.util.Set<String> apps = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Registers an app name (tests use names that start with "it-") for clean-up. */
    String app(String name) {
        apps.add(name);
        return name;
    }

    @Override
    public void close() throws IOException {
        slipway.close();
        for (String app : apps) {
            docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("io.slipway.app", app)).exec()
                    .forEach(c -> {
                        try {
                            docker.removeContainerCmd(c.getId()).withForce(true).exec();
                        } catch (RuntimeException e) {
                            // already being removed (an add-on's supervisor, the scheduler)
                        }
                    });
            docker.listImagesCmd().withLabelFilter(Map.of("io.slipway.app", app)).exec().stream()
                    .filter(i -> i.getRepoTags() != null && List.of(i.getRepoTags()).stream()
                            .allMatch(t -> t.startsWith("slipway/" + app + ":")))
                    .forEach(i -> {
                try {
                    docker.removeImageCmd(i.getId()).withForce(true).exec();
                } catch (RuntimeException e) {
                    // shared layers of another tag; the next run reuses them
                }
            });
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

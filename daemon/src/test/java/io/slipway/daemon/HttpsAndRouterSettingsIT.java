package io.slipway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTPS certificates uploaded over SSH and served by SNI (checked with curl), and per-app router
 * settings that apply at once and survive a daemon restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpsAndRouterSettingsIT {

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback PLATFORM = context -> platform = TestPlatform.get(context);

    static final ObjectMapper JSON = new ObjectMapper();
    static final String WWW = "www.it-tls.example";
    static final String WILD = "*.it-tls.test";
    static TestPlatform platform;
    static String app;
    static Path certs;

    @BeforeAll
    static void deployed() {
        app = platform.app("it-tls");
        Path repo = platform.sampleRepo("nodejs-hello", app);
        Map<String, String> env = platform.gitEnv(platform.adminKey);
        Shell.ok(repo, env, "git", "remote", "add", "paas", platform.remote(app));
        Shell.Result push = Shell.run(repo, env, "git", "push", "paas", "master");
        assertThat(push.exit()).as(push.output()).isZero();
        ok("domains:add", app, WWW);
        ok("domains:add", app, WILD);
        certs = platform.root.resolve("certs-made");
        try {
            Files.createDirectories(certs);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        selfSigned("www", "rsa", 30, WWW);
        selfSigned("wild", "ec", 30, WILD);
        selfSigned("stranger", "rsa", 30, "www.someone-else.example");
        selfSigned("expired", "rsa", -1, WWW);
        openssl("cat www.crt www.key > www.pem && cat wild.key wild.crt > wild.pem && cat stranger.crt stranger.key > "
                + "stranger.pem && cat expired.crt expired.key > expired.pem && cat www.crt wild.key > mismatch.pem "
                + "&& echo 'not a certificate' > garbage.pem");
    }

    @Test
    @Order(1)
    void certsAddedOverSshAreServedBySniAndBadInputIsRefused() throws Exception {
        assertThat(json(platform.ssh("certs", app, "--json"))).isEmpty();
        assertThat(platform.slipway.httpsPort()).isPositive();

        JsonNode added = json(platform.sshWithInput(platform.adminKey, certs.resolve("www.pem"), "certs:add", app, "--json"));
        assertThat(added.path("domains").toString()).isEqualTo("[\"" + WWW + "\"]");
        Shell.Result wild = platform.sshWithInput(platform.adminKey, certs.resolve("wild.pem"), "certs:add", app);
        assertThat(wild.exit()).as(wild.output()).isZero();
        assertThat(wild.output()).contains("Added the certificate for " + WILD + " to " + app);

        assertThat(https(WWW, "www.crt")).isEqualTo("Hello from Slipway v1");
        assertThat(https("shop.it-tls.test", "wild.crt")).isEqualTo("Hello from Slipway v1");
        assertThat(curl("shop.it-tls.test", "www.crt").exit()).as("the wildcard name gets the wildcard certificate")
                .isNotZero();

        for (String bad : new String[] {"garbage.pem", "stranger.pem", "expired.pem", "mismatch.pem"}) {
            Shell.Result refused = platform.sshWithInput(platform.adminKey, certs.resolve(bad), "certs:add", app);
            assertThat(refused.exit()).as(bad).isNotZero();
            assertThat(refused.output().lines().toList()).as(bad).hasSize(1);
            assertThat(refused.output()).as(bad).startsWith("error: ");
        }
        assertThat(platform.sshWithInput(platform.adminKey, certs.resolve("stranger.pem"), "certs:add", app).output())
                .contains("none of " + app + "'s domains");
        assertThat(platform.sshWithInput(platform.adminKey, certs.resolve("expired.pem"), "certs:add", app).output())
                .contains("expired on");
        assertThat(platform.sshWithInput(platform.adminKey, certs.resolve("mismatch.pem"), "certs:add", app).output())
                .contains("the private key belongs to none of the certificates");

        JsonNode listed = json(platform.ssh("certs", app, "--json"));
        assertThat(listed.findValuesAsText("domain")).containsExactlyInAnyOrder(WWW, WILD);
        for (JsonNode cert : listed) {
            assertThat(cert.path("issuer").asText()).isEqualTo(cert.path("domain").asText());
            assertThat(cert.path("names").toString()).isEqualTo("[\"" + cert.path("domain").asText() + "\"]");
            assertThat(cert.path("expires_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        }
        try (var files = Files.list(platform.root.resolve("data/certs"))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).containsExactly(
                    "_wildcard.it-tls.test.crt", "_wildcard.it-tls.test.key", WWW + ".crt", WWW + ".key");
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                platform.root.resolve("data/certs/" + WWW + ".key")))).isEqualTo("rw-------");
        assertThat(json(platform.ssh("audit", "--json")).findValuesAsText("outcome"))
                .anyMatch(o -> o.startsWith("failed: the certificate for " + WWW + " expired"));
    }

    @Test
    @Order(2)
    void routerSettingsApplyAtOnceAndBadValuesAreRefused() throws Exception {
        JsonNode defaults = json(platform.ssh("router", app, "--json"));
        assertThat(defaults.path("balancing").asText()).isEqualTo("least-outstanding");
        assertThat(defaults.path("max-body-size").asText()).isEqualTo("1g");
        assertThat(post(5000).statusCode()).as("the app's own answer to POST /").isEqualTo(404);

        ok("router:set", app, "max-body-size", "1k");
        ok("router:set", app, "balancing", "round-robin");
        ok("router:set", app, "first-byte-timeout", "45s");
        assertThat(post(5000).statusCode()).isEqualTo(413);
        assertThat(post(500).statusCode()).isEqualTo(404);

        assertThat(json(platform.ssh("router:set", app, "redirect-to-https", "true", "--json")).path("value").asText())
                .isEqualTo("true");
        assertThat(post(500).statusCode()).isEqualTo(308);
        HttpResponse<String> redirected = platform.get(app, "/");
        assertThat(redirected.statusCode()).isEqualTo(301);
        assertThat(redirected.headers().firstValue("Location")).contains("https://" + app + ".localhost:"
                + platform.slipway.httpsPort() + "/");

        for (String[] bad : new String[][] {{"max-body-size", "lots"}, {"balancing", "fastest"},
                {"first-byte-timeout", "0"}, {"redirect-to-https", "maybe"}, {"timeout", "5s"}}) {
            Shell.Result refused = platform.ssh("router:set", app, bad[0], bad[1]);
            assertThat(refused.exit()).as(bad[0]).isNotZero();
            assertThat(refused.output()).as(bad[0]).startsWith("error: ").hasLineCount(1);
        }
        assertThat(platform.ssh("router:set", app, "timeout", "5s").output()).contains("use one of balancing");
        JsonNode chosen = json(platform.ssh("router", app, "--json"));
        assertThat(chosen.path("max-body-size").asText()).isEqualTo("1k");
        assertThat(chosen.path("balancing").asText()).isEqualTo("round-robin");
        assertThat(chosen.path("first-byte-timeout").asText()).isEqualTo("45s");
    }

    @Test
    @Order(3)
    void settingsAndCertificatesSurviveADaemonRestart() throws Exception {
        platform.restartDaemon();

        JsonNode chosen = json(platform.ssh("router", app, "--json"));
        assertThat(chosen.path("max-body-size").asText()).isEqualTo("1k");
        assertThat(chosen.path("redirect-to-https").asText()).isEqualTo("true");
        assertThat(platform.get(app, "/").statusCode()).isEqualTo(301);
        assertThat(https("shop.it-tls.test", "wild.crt")).isEqualTo("Hello from Slipway v1");
        ok("router:set", app, "redirect-to-https", "false");
        assertThat(post(5000).statusCode()).as("the body limit kept across the restart").isEqualTo(413);

        ok("router:set", app, "max-body-size");
        assertThat(json(platform.ssh("router", app, "--json")).path("max-body-size").asText()).isEqualTo("1g");
        assertThat(platform.get(app, "/").headers().firstValue("Set-Cookie")).isEmpty();
        ok("router:set", app, "session-affinity", "true");
        assertThat(platform.get(app, "/").headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie ->
                assertThat(cookie).startsWith("slipway-affinity="));
        ok("router:set", app, "session-affinity");
        assertThat(post(5000).statusCode()).isEqualTo(404);
        assertThat(platform.get(app, "/").body()).isEqualTo("Hello from Slipway v1");
    }

    @Test
    @Order(3)
    void aStaticSiteForHttpsOnlyRedirectsPlainHttpToThePortHttpsIsServedOn() throws Exception {
        String site = platform.app("it-https-only");
        Path repo = platform.fixtureRepo("static-https-only", site);
        Shell.Result push = Shell.run(repo, platform.gitEnv(platform.adminKey), "git", "push", platform.remote(site), "master");
        assertThat(push.exit()).as(push.output()).isZero();

        HttpResponse<String> plain = platform.get(site, "/index.html?a=1");

        // static.json's https_only, as heroku-buildpack-static's: to where this platform serves HTTPS.
        assertThat(plain.statusCode()).isEqualTo(301);
        assertThat(plain.headers().firstValue("Location")).hasValue("https://" + site + ".localhost:"
                + platform.slipway.httpsPort() + "/index.html?a=1");
        ok("apps:destroy", site, "--confirm", site);
    }

    @Test
    @Order(4)
    void certsRemoveStopsServingTheDomain() throws Exception {
        ok("certs:remove", app, WWW);

        assertThat(json(platform.ssh("certs", app, "--json")).findValuesAsText("domain")).containsExactly(WILD);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (curl(WWW, "www.crt").exit() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(curl(WWW, "www.crt").exit()).as("no certificate for " + WWW + " any more").isNotZero();
        Shell.Result again = platform.ssh("certs:remove", app, WWW);
        assertThat(again.exit()).isNotZero();
        assertThat(again.output()).startsWith("error: " + app + " has no certificate for " + WWW);
    }

    @Test
    @Order(5)
    void removedDomainsAndDestroyedAppsTakeTheirCertificatesAndForksKeepRouterSettings() throws Exception {
        assertThat(ok("domains:remove", app, WILD).output()).contains("and its HTTPS certificate");
        assertThat(json(platform.ssh("certs", app, "--json")).findValuesAsText("domain")).isEmpty();
        ok("domains:add", app, WILD);
        assertThat(json(platform.ssh("certs", app, "--json")).findValuesAsText("domain"))
                .as("a domain added again starts without the certificate it had").isEmpty();

        ok("router:set", app, "max-body-size", "2k");
        String fork = platform.app("it-tls-fork");
        ok("apps:fork", app, fork);
        assertThat(json(platform.ssh("router", fork, "--json")).path("max-body-size").asText()).isEqualTo("2k");

        String host = fork + ".localhost";
        selfSigned("fork", "rsa", 30, host);
        openssl("cat fork.crt fork.key > fork.pem");
        Shell.Result added = platform.sshWithInput(platform.adminKey, certs.resolve("fork.pem"), "certs:add", fork);
        assertThat(added.exit()).as(added.output()).isZero();
        Path installed = platform.root.resolve("data").resolve("certs").resolve(host + ".crt");
        assertThat(installed).exists();
        ok("apps:destroy", fork, "--force"); // as on Dokku: no --confirm
        assertThat(installed).as("the destroyed app's certificate").doesNotExist();
    }

    private static HttpResponse<String> post(int bytes) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.slipway.httpPort() + "/"))
                .header("Host", app + ".localhost").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[bytes])).build();
        return TestPlatform.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** GET / over HTTPS with SNI, trusting only {@code trusted}; retried while the router reloads its certificates. */
    private static String https(String host, String trusted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Shell.Result result = curl(host, trusted);
        while (result.exit() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            result = curl(host, trusted);
        }
        assertThat(result.exit()).as(result.output()).isZero();
        return result.output();
    }

    private static Shell.Result curl(String host, String trusted) {
        int port = platform.slipway.httpsPort();
        return Shell.run(certs, Map.of(), "curl", "-sS", "--max-time", "10", "--resolve", host + ":" + port + ":127.0.0.1",
                "--cacert", trusted, "https://" + host + ":" + port + "/");
    }

    private static void selfSigned(String name, String type, int days, String host) {
        String key = type.equals("ec") ? "openssl ecparam -name prime256v1 -genkey -noout -out " + name + ".key"
                : "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " + name + ".key";
        openssl(key + " && openssl req -new -key " + name + ".key -subj '/CN=" + host + "' -out " + name + ".csr"
                + " && printf 'subjectAltName=DNS:%s\\n' '" + host + "' > " + name + ".ext"
                + " && openssl x509 -req -in " + name + ".csr -signkey " + name + ".key -days " + days
                + " -extfile " + name + ".ext -out " + name + ".crt");
    }

    private static void openssl(String script) {
        Shell.ok(certs, Map.of(), "sh", "-c", script);
    }

    private static JsonNode json(Shell.Result result) throws Exception {
        assertThat(result.exit()).as(result.output()).isZero();
        return JSON.readTree(result.output());
    }

    private static Shell.Result ok(String... command) {
        Shell.Result r = platform.ssh(command);
        assertThat(r.exit()).as(String.join(" ", command) + "\n" + r.output()).isZero();
        return r;
    }
}

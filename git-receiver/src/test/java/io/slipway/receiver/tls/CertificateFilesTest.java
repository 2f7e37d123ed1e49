package io.slipway.receiver.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateFilesTest {

    private static final AppName SHOP = AppName.of("shop");

    @TempDir
    static Path made;
    static Openssl openssl;

    @TempDir
    Path dir;
    private CertificateFiles files;
    private List<String> hosts;

    @BeforeAll
    static void makeCertificates() {
        openssl = new Openssl(made);
        openssl.selfSigned("wild", false, 30, "*.example.com", "shop.apps.test");
        openssl.selfSigned("other", false, 30, "other.example.net");
    }

    @BeforeEach
    void setUp() {
        files = new CertificateFiles(dir.resolve("certs"), "apps.test", true);
        hosts = files.hosts(SHOP, List.of("www.example.com", "*.example.com", "deep.www.example.com"));
    }

    @Test
    void addWritesTheCertificateAndAPrivateKeyForEveryCoveredNameOnly() throws Exception {
        CertificateBundle bundle = CertificateBundle.parse(openssl.read("wild.crt") + openssl.read("wild.key"), Instant.now());

        List<String> covered = files.add(SHOP, hosts, bundle);

        assertThat(covered).containsExactly("shop.apps.test", "www.example.com", "*.example.com");
        Path certs = dir.resolve("certs");
        try (var listing = Files.list(certs)) {
            assertThat(listing.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "_wildcard.example.com.crt", "_wildcard.example.com.key", "shop.apps.test.crt", "shop.apps.test.key",
                    "www.example.com.crt", "www.example.com.key");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.resolve("www.example.com.key"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(certs.resolve("www.example.com.crt"))).isEqualTo(bundle.chainPem());
        assertThat(files.list(hosts)).extracting(CertificateFiles.Installed::domain)
                .containsExactly("shop.apps.test", "www.example.com", "*.example.com");
        assertThat(files.list(hosts).get(0).names()).containsExactly("*.example.com", "shop.apps.test");
        assertThat(files.list(hosts).get(0).issuer()).isEqualTo("*.example.com");
    }

    @Test
    void addWhenTheCertificateCoversNoneOfTheAppsNamesWritesNothing() {
        CertificateBundle bundle = CertificateBundle.parse(openssl.read("other.crt") + openssl.read("other.key"), Instant.now());

        assertThatThrownBy(() -> files.add(SHOP, hosts, bundle)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the certificate is for other.example.net, none of shop's domains "
                        + "(shop.apps.test, www.example.com, *.example.com, deep.www.example.com)");
        assertThat(dir.resolve("certs")).doesNotExist();
    }

    @Test
    void removeDeletesBothFilesAndSaysWhenThereWereNone() {
        files.add(SHOP, hosts, CertificateBundle.parse(openssl.read("wild.crt") + openssl.read("wild.key"), Instant.now()));

        assertThat(files.remove("*.example.com")).isTrue();
        assertThat(files.remove("*.example.com")).isFalse();
        assertThat(dir.resolve("certs/_wildcard.example.com.key")).doesNotExist();
        assertThat(files.list(hosts)).extracting(CertificateFiles.Installed::domain)
                .containsExactly("shop.apps.test", "www.example.com");
    }
}

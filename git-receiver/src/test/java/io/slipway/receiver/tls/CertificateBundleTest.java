package io.slipway.receiver.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateBundleTest {

    @TempDir
    static Path dir;
    static Openssl openssl;

    @BeforeAll
    static void makeCertificates() {
        openssl = new Openssl(dir);
        openssl.signed("www", "www.example.com", "example.com");
        openssl.selfSigned("wild", true, 30, "*.example.org");
        openssl.selfSigned("other", false, 30, "other.example.net");
    }

    @Test
    void parseWhenKeyComesFirstAndTheCaBeforeTheCertificatePutsTheCertificateFirst() {
        CertificateBundle bundle = CertificateBundle.parse(openssl.read("www.key") + openssl.read("www-ca.crt")
                + openssl.read("www.crt"), Instant.now());

        assertThat(bundle.chain()).hasSize(2);
        assertThat(CertificateBundle.names(bundle.leaf())).containsExactly("www.example.com", "example.com");
        assertThat(bundle.chainPem()).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(bundle.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(CertificateBundle.parse(bundle.chainPem() + bundle.keyPem(), Instant.now()).leaf())
                .as("what is written parses again").isEqualTo(bundle.leaf());
    }

    @Test
    void parseWhenKeyIsAnEcKeyInSec1FormAccepts() {
        CertificateBundle bundle = CertificateBundle.parse(openssl.read("wild.crt") + openssl.read("wild.key"), Instant.now());

        assertThat(openssl.read("wild.key")).contains("BEGIN EC PRIVATE KEY");
        assertThat(bundle.key().getAlgorithm()).isEqualTo("EC");
        assertThat(CertificateBundle.names(bundle.leaf())).containsExactly("*.example.org");
    }

    @Test
    void parseWhenKeyBelongsToAnotherCertificateIsRefused() {
        assertThatThrownBy(() -> CertificateBundle.parse(openssl.read("www.crt") + openssl.read("other.key"), Instant.now()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the private key belongs to none of the certificates");
    }

    @Test
    void parseWhenCertificateHasExpiredIsRefused() {
        CertificateBundle bundle = CertificateBundle.parse(openssl.read("other.crt") + openssl.read("other.key"), Instant.now());
        Instant later = bundle.leaf().getNotAfter().toInstant().plus(Duration.ofDays(1));

        assertThatThrownBy(() -> CertificateBundle.parse(openssl.read("other.crt") + openssl.read("other.key"), later))
                .hasMessageContaining("the certificate for other.example.net expired on");
    }

    @Test
    void parseWhenSomethingIsMissingOrWrongSaysWhatToSend() {
        assertThatThrownBy(() -> CertificateBundle.parse("hello", Instant.now()))
                .hasMessageContaining("no PEM certificate on stdin");
        assertThatThrownBy(() -> CertificateBundle.parse(openssl.read("www.crt"), Instant.now()))
                .hasMessageContaining("no private key on stdin");
        assertThatThrownBy(() -> CertificateBundle.parse(openssl.read("www.crt") + openssl.read("www.key")
                + openssl.read("other.key"), Instant.now())).hasMessageContaining("2 private keys");
        assertThatThrownBy(() -> CertificateBundle.parse("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
                + openssl.read("www.key"), Instant.now())).hasMessageContaining("a certificate on stdin does not parse");
        assertThatThrownBy(() -> CertificateBundle.parse(openssl.read("www.crt")
                + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", Instant.now()))
                .hasMessageContaining("the private key on stdin does not parse");
        openssl.run("openssl pkey -in www.key -aes256 -passout pass:secret -out www-encrypted.key");
        assertThatThrownBy(() -> CertificateBundle.parse(openssl.read("www.crt") + openssl.read("www-encrypted.key"),
                Instant.now())).hasMessageContaining("is encrypted; decrypt it first");
    }

    @Test
    void coversWhenWildcardMatchesOneLabelOnly() {
        assertThat(CertificateBundle.covers("www.example.com", "www.example.com")).isTrue();
        assertThat(CertificateBundle.covers("*.example.com", "www.example.com")).isTrue();
        assertThat(CertificateBundle.covers("*.example.com", "a.b.example.com")).isFalse();
        assertThat(CertificateBundle.covers("*.example.com", "example.com")).isFalse();
        assertThat(CertificateBundle.covers("*.example.com", "*.example.com")).isTrue();
        assertThat(CertificateBundle.covers("www.example.com", "*.example.com")).isFalse();
        assertThat(CertificateBundle.covers("*.b.example.com", "*.example.com")).isFalse();
    }
}

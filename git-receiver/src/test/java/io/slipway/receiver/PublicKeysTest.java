package io.slipway.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicKeysTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "rsa", "ecdsa"})
    void parseWhenKeyIsRealGivesTheFingerprintSshKeygenShows(String type) throws Exception {
        Path key = keygen(type, "alice@laptop");
        String line = Files.readString(key.resolveSibling(key.getFileName() + ".pub"));

        PublicKeys.ParsedKey parsed = PublicKeys.parse(line);

        assertThat(parsed.fingerprint()).startsWith("SHA256:").isEqualTo(sshKeygenFingerprint(key));
        assertThat(PublicKeys.fingerprint(parsed.key())).isEqualTo(parsed.fingerprint());
        assertThat(parsed.comment()).isEqualTo("alice@laptop");
        String[] fields = line.strip().split(" ");
        assertThat(parsed.openSsh()).isEqualTo(fields[0] + " " + fields[1]);
    }

    @Test
    void parseWhenKeyHasNoCommentGivesAnEmptyComment() throws Exception {
        Path key = keygen("ed25519", "");
        String line = Files.readString(key.resolveSibling(key.getFileName() + ".pub"));

        PublicKeys.ParsedKey parsed = PublicKeys.parse(line);

        assertThat(parsed.comment()).isEmpty();
        assertThat(parsed.fingerprint()).isEqualTo(sshKeygenFingerprint(key));
    }

    @Test
    void parseWhenLineHasSurroundingWhiteSpaceIgnoresIt() throws Exception {
        Path key = keygen("ed25519", "bob");
        String line = Files.readString(key.resolveSibling(key.getFileName() + ".pub")).strip();

        PublicKeys.ParsedKey parsed = PublicKeys.parse("  \t" + line + "\r\n\n");

        assertThat(parsed.fingerprint()).isEqualTo(sshKeygenFingerprint(key));
        assertThat(parsed.comment()).isEqualTo("bob");
    }

    @Test
    void parseWhenSameKeyIsParsedTwiceGivesTheSameFingerprint() throws Exception {
        Path key = keygen("ed25519", "x");
        String line = Files.readString(key.resolveSibling(key.getFileName() + ".pub"));

        assertThat(PublicKeys.parse(line).fingerprint()).isEqualTo(PublicKeys.parse(line + " ").fingerprint());
        assertThat(PublicKeys.parse(line).fingerprint())
                .isNotEqualTo(PublicKeys.parse(Files.readString(keygen("ed25519", "y").resolveSibling("id_y.pub")))
                        .fingerprint());
    }

    @Test
    void parseWhenInputIsNullOrBlankRefuses() {
        assertThatThrownBy(() -> PublicKeys.parse(null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ssh-ed25519");
        assertThatThrownBy(() -> PublicKeys.parse("   \n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ssh-ed25519");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "ssh-ed25519", "ssh-ed25519 not-base64!!!", "ssh-ed25519 AAAA",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG", "ssh-foo AAAAC3NzaC1lZDI1NTE5AAAAIGc0 x",
            "-----BEGIN OPENSSH PRIVATE KEY-----"})
    void parseWhenInputIsNotAPublicKeyRefuses(String input) {
        assertThatThrownBy(() -> PublicKeys.parse(input))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ssh-ed25519 AAAA");
    }

    @Test
    void parseWhenInputIsAPrivateKeyRefuses() throws Exception {
        Path key = keygen("ed25519", "secret");

        assertThatThrownBy(() -> PublicKeys.parse(Files.readString(key)))
                .isInstanceOf(InvalidInputException.class);
    }

    private Path keygen(String type, String comment) throws IOException, InterruptedException {
        Path key = dir.resolve("id_" + (comment.isEmpty() ? type + "_nocomment" : comment.replaceAll("\\W", "_")));
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", comment,
                "-f", key.toString()));
        if (type.equals("rsa")) {
            command.addAll(List.of("-b", "2048"));
        }
        run(command);
        return key;
    }

    private static String sshKeygenFingerprint(Path key) throws IOException, InterruptedException {
        // "256 SHA256:abc... comment (ED25519)"
        String out = run(List.of("ssh-keygen", "-E", "sha256", "-lf", key + ".pub"));
        return out.strip().split("\\s+")[1];
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}

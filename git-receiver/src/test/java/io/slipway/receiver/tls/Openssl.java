package io.slipway.receiver.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Certificates made with the real openssl, as users make theirs. */
final class Openssl {

    private final Path dir;

    Openssl(Path dir) {
        this.dir = dir;
    }

    /** A self-signed certificate and its key (PKCS#8 RSA, or SEC1 EC with {@code ec}); returns {@code name.crt}. */
    Path selfSigned(String name, boolean ec, int days, String... dnsNames) {
        String key = ec ? "openssl ecparam -name prime256v1 -genkey -noout -out " + name + ".key && "
                : "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " + name + ".key && ";
        run(key + "openssl req -new -key " + name + ".key -subj /CN=" + dnsNames[0] + " -out " + name + ".csr && "
                + "printf 'subjectAltName=%s\\n' '" + san(dnsNames) + "' > " + name + ".ext && "
                + "openssl x509 -req -in " + name + ".csr -signkey " + name + ".key -days " + days
                + " -extfile " + name + ".ext -out " + name + ".crt");
        return dir.resolve(name + ".crt");
    }

    /** A certificate signed by a new CA {@code name-ca}; the CA's certificate is {@code name-ca.crt}. */
    Path signed(String name, String... dnsNames) {
        run("openssl req -x509 -newkey rsa:2048 -nodes -keyout " + name + "-ca.key -subj '/CN=Test CA " + name
                + "' -days 30 -out " + name + "-ca.crt && "
                + "openssl req -new -newkey rsa:2048 -nodes -keyout " + name + ".key -subj /CN=" + dnsNames[0]
                + " -out " + name + ".csr && printf 'subjectAltName=%s\\n' '" + san(dnsNames) + "' > " + name + ".ext && "
                + "openssl x509 -req -in " + name + ".csr -CA " + name + "-ca.crt -CAkey " + name + "-ca.key "
                + "-CAcreateserial -days 30 -extfile " + name + ".ext -out " + name + ".crt");
        return dir.resolve(name + ".crt");
    }

    String read(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void run(String script) {
        try {
            Process p = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("openssl failed: " + script + "\n" + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String san(String... dnsNames) {
        StringBuilder san = new StringBuilder();
        for (String name : dnsNames) {
            san.append(san.length() == 0 ? "" : ",").append("DNS:").append(name);
        }
        return san.toString();
    }
}

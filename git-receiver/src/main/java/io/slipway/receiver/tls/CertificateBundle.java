package io.slipway.receiver.tls;

import io.slipway.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * A certificate chain and its private key as a user uploads them: PEM blocks in one stream, in
 * any order. {@link #parse} accepts it only when the key belongs to one of the certificates and
 * that certificate is valid now; the chain is then kept with that certificate first.
 */
public record CertificateBundle(List<X509Certificate> chain, PrivateKey key) {

    /**
     * The JDK reads one PEM certificate at a time but has no reader for a stream that mixes
     * certificates and keys (before Java 25), so the blocks are split here and each is handed to
     * the JDK (certificates) or to Apache SSHD (PKCS#8, PKCS#1 RSA and SEC1 EC keys).
     */
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final Set<String> KEY_TYPES = Set.of("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY");

    public CertificateBundle {
        chain = List.copyOf(chain);
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** Parses and checks what the user sent; every refusal says what to send instead. */
    public static CertificateBundle parse(String pem, Instant now) {
        List<X509Certificate> certificates = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            if (type.equals("CERTIFICATE")) {
                certificates.add(certificate(m.group()));
            } else if (KEY_TYPES.contains(type)) {
                if (m.group(2).contains("ENCRYPTED")) {
                    throw encrypted();
                }
                keys.add(m.group());
            } else if (type.equals("ENCRYPTED PRIVATE KEY")) {
                throw encrypted();
            } else {
                throw new InvalidInputException("unexpected PEM block '" + type
                        + "' on stdin: send the certificate chain and its private key only (cat site.crt site.key | ssh ...)");
            }
        }
        if (certificates.isEmpty()) {
            throw new InvalidInputException("no PEM certificate on stdin: send the certificate chain and its private key "
                    + "in one stream (cat site.crt site.key | ssh ... certs:add APP)");
        }
        if (keys.size() != 1) {
            throw new InvalidInputException((keys.isEmpty() ? "no private key" : keys.size() + " private keys")
                    + " on stdin: send exactly one, after the certificates (cat site.crt site.key | ssh ... certs:add APP)");
        }
        PrivateKey key = privateKey(keys.get(0));
        X509Certificate leaf = certificates.stream().filter(c -> matches(key, c.getPublicKey())).findFirst()
                .orElseThrow(() -> new InvalidInputException("the private key belongs to none of the certificates on "
                        + "stdin; send the key made with the certificate (" + describe(certificates.get(0)) + ")"));
        try {
            leaf.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new InvalidInputException("the certificate for " + String.join(", ", names(leaf)) + " expired on "
                    + leaf.getNotAfter().toInstant() + "; renew it and add the new one");
        } catch (CertificateNotYetValidException e) {
            throw new InvalidInputException("the certificate for " + String.join(", ", names(leaf))
                    + " is not valid before " + leaf.getNotBefore().toInstant() + "; add it then, or check the clock");
        }
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        certificates.stream().filter(c -> c != leaf).forEach(chain::add);
        return new CertificateBundle(chain, key);
    }

    /** The host names the certificate is for: its DNS subject alternative names, else its subject's CN. */
    public static List<String> names(X509Certificate certificate) {
        Set<String> names = new LinkedHashSet<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> san : certificate.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(san.get(0)) && san.get(1) instanceof String dns) {
                        names.add(dns.toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // a malformed extension: fall back to the subject's CN
        }
        if (names.isEmpty()) {
            commonName(certificate.getSubjectX500Principal().getName()).ifPresent(cn -> names.add(cn.toLowerCase(Locale.ROOT)));
        }
        return List.copyOf(names);
    }

    /** Whether a certificate name ({@code www.example.com}, {@code *.example.com}) covers {@code host}. */
    public static boolean covers(String certificateName, String host) {
        if (certificateName.equals(host)) {
            return true;
        }
        if (!certificateName.startsWith("*.") || host.startsWith("*.")) {
            return false;
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot + 1).equals(certificateName.substring(2));
    }

    /** The chain as PEM, the certificate first. */
    public String chainPem() {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : chain) {
            try {
                pem.append(pem("CERTIFICATE", c.getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException("a parsed certificate does not encode", e);
            }
        }
        return pem.toString();
    }

    /** The key as unencrypted PKCS#8 PEM, which every TLS stack reads. */
    public String keyPem() {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    static java.util.Optional<String> commonName(String distinguishedName) {
        try {
            for (Rdn rdn : new LdapName(distinguishedName).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return java.util.Optional.of(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            // not a DN we can read: no CN
        }
        return java.util.Optional.empty();
    }

    private static String describe(X509Certificate certificate) {
        return "the first is for " + String.join(", ", names(certificate));
    }

    private static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new InvalidInputException("a certificate on stdin does not parse (" + firstLine(e)
                    + "); send PEM certificates as openssl writes them");
        }
    }

    private static PrivateKey privateKey(String pem) {
        try {
            Iterator<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("stdin"),
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)), null).iterator();
            if (pairs.hasNext()) {
                PrivateKey key = pairs.next().getPrivate();
                if (key != null && "PKCS#8".equals(key.getFormat())) {
                    return key;
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new InvalidInputException("the private key on stdin does not parse (" + firstLine(e)
                    + "); send an unencrypted RSA or EC key in PEM");
        }
        throw new InvalidInputException("the private key on stdin does not parse; send an unencrypted RSA or EC key in PEM");
    }

    /** Signs a random message with the key and checks it with the certificate's public key. */
    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null || !key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            byte[] message = new byte[32];
            new SecureRandom().nextBytes(message);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static InvalidInputException encrypted() {
        return new InvalidInputException("the private key on stdin is encrypted; decrypt it first "
                + "(openssl pkey -in site.key -out plain.key) and send that");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}

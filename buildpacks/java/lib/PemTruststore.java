import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * What `keytool -importcert -trustcacerts -noprompt` does for each certificate of a PEM bundle,
 * in one JVM: java PemTruststore.java BUNDLE.pem OUT.p12 [PASSWORD]. Each certificate becomes a
 * trusted-certificate entry named after its subject and SHA-1 fingerprint.
 */
public class PemTruststore {
    public static void main(String[] args) throws Exception {
        // No password protection (as the JDK's own cacerts): readers load it with a null password.
        System.setProperty("keystore.pkcs12.certProtectionAlgorithm", "NONE");
        System.setProperty("keystore.pkcs12.macAlgorithm", "NONE");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int count = 0;
        try (InputStream in = new FileInputStream(args[0])) {
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                X509Certificate x509 = (X509Certificate) cert;
                String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(x509.getEncoded()));
                String alias = x509.getSubjectX500Principal().getName().toLowerCase().replaceAll("[^a-z0-9=,.-]+", "_")
                        + " [" + sha1.substring(0, 12) + "]";
                if (!store.containsAlias(alias)) {
                    store.setCertificateEntry(alias, x509);
                    count++;
                }
            }
        }
        if (count == 0) {
            System.err.println("no certificate found in " + args[0]);
            System.exit(1);
        }
        try (OutputStream out = new FileOutputStream(args[1])) {
            store.store(out, (args.length > 2 ? args[2] : "changeit").toCharArray());
        }
        System.out.println(count);
    }
}

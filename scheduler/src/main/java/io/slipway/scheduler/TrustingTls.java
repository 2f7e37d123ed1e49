package io.slipway.scheduler;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for app.json checks with {@code "scheme": "https"}: an instance serves its own (often
 * self-signed) certificate to a check that asks for its address, so no certificate is verified,
 * as in Dokku's checks. Never used for anything but checks.
 */
final class TrustingTls {

    private static final SSLContext CONTEXT = context();

    private TrustingTls() {
    }

    /** TLS over the connected {@code plain}, handshake done. */
    static Socket wrap(Socket plain, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) CONTEXT.getSocketFactory().createSocket(plain, host, port, false);
        socket.startHandshake();
        return socket;
    }

    private static SSLContext context() {
        TrustManager anyone = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {anyone}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM: " + e.getMessage(), e);
        }
    }
}
